/** Process figures from the host's /proc live in @ft/stack (shared with tools/e2e); this path stays for the benchmarks that import it. */
export {
  childrenOf,
  descendantsOf,
  commOf,
  parentOf,
  programOf,
  isAlive,
  hasExited,
  rssMb,
  cpuTicksOf,
  cpuTicksOfTree,
  processAgeS,
  CLOCK_TICKS_PER_S,
  findDaemon,
  type DaemonQuery,
  type ProcInfo,
} from '@ft/stack';
