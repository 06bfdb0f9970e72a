/** wrk lives in @ft/testkit (shared with tools/e2e); this path stays for the benchmarks that import it. */
export { runWrk, parseWrk, parseWrkTime, wrkErrorCount, type WrkErrors, type WrkOptions, type WrkReport } from '@ft/testkit';
