/** Process figures from the host's /proc: the agent's readers (@ft/agent/host) and @ft/stack's daemon finder. */
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
  CLOCK_TICKS,
} from '@ft/agent/host';
export { findDaemon, type DaemonQuery, type ProcInfo } from '@ft/stack';
