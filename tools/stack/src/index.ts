/** What other workspace code (the e2e suites, benchmarks) may import: types and pure helpers, no side effects. */
export { generateSecrets, loadOrCreateSecrets, parseSecrets, secretsPath, SecretsFileError, type Secrets } from './secrets.js';
export { summary as secretsSummary } from './k8s-out.js';
export { localLayout, DEFAULT_ADDRESS, DEFAULT_INTERNAL_ADDRESS, PUBLIC_PORTS, INTERNAL_PORTS, type LocalLayout } from './local-layout.js';
export { serviceEnv, secretEnv, k8sConfigEnv, localConfigEnv, type ServiceEnv, type EnvTarget } from './service-env.js';
export {
  parseStackStatus,
  readStatusFile,
  activeServices,
  allReady,
  serviceOf,
  type StackStatus,
  type StatusFile,
  type ServiceStatus,
  type ServiceState,
  type LastExit,
} from './status-file.js';
export { agentPids } from './agent-runner.js';
export { findDaemon, procInfo, type DaemonQuery, type ProcInfo } from './daemon-finder.js';
export { removeStackFromHost } from './host-leftovers.js';
export {
  privilegesFileText,
  privilegesOfRendering,
  readPrivilegesFile,
  type Capability,
  type ContainerPrivileges,
  type PrivilegesFile,
} from './container-privileges.js';
