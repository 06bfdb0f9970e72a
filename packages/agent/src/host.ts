/**
 * `@ft/agent/host`: what the host-side tools (tools/stack, tools/deploy) share with the agent
 * without its runtime: key material written the way the containers write it, the run directory's
 * traversal bit, the entry-point test, a free loopback port, the secret masker, the deadline
 * helpers and the readers of one process's /proc files. A face of its own so that a tool's bundle
 * does not load fastify, handlebars and the checks' clients at start.
 */
export { isMain } from './is-main.js';
export { ensureTlsCert, type TlsCertOptions } from './tls-cert.js';
export { ensureSshHostKeys, sshHostKeyPath, SSH_HOST_KEY_TYPES, type SshHostKeyOptions } from './ssh-host-keys.js';
export { allowTraversal } from './run-dir.js';
export { freePort } from './free-port.js';
export { waitAtMost, withDeadline } from './deadline.js';
export {
  childrenOf,
  cmdlineOf,
  commOf,
  cpuTicksOf,
  cpuTicksOfTree,
  descendantsOf,
  hasExited,
  isAlive,
  parentOf,
  processAgeS,
  processesMatching,
  programOf,
  rssMb,
  startTicksOf,
  statFields,
} from './proc-process.js';
export { CLOCK_TICKS } from './proc-table.js';
export { maskSecrets, SECRET_MASK } from './secret-mask.js';
