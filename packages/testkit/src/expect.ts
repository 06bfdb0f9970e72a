/**
 * `@ft/testkit/expect`: the helpers that assert with vitest's `expect`. Apart from the main face,
 * which starts servers and clients only, so that a benchmark or tool bundling testkit never
 * imports vitest at run time.
 */
export { expectConfigExit, type ConfigExitExpectation } from './config-exit.js';
export { injectionRefusals } from './injection.js';
export { envTable, expectReadmeEnvTable, type ReadmeEnvTable } from './readme-env-table.js';
