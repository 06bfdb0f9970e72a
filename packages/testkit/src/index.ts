export { freePort, freePorts, waitForPort } from './ports.js';
export { sleep, waitUntil } from './wait.js';
export { makeTempDir, removeDir } from './temp-dir.js';
export { Daemon, type DaemonOptions } from './daemon.js';
