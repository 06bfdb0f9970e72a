/** Public API of the agent: what a service's service.ts, main.ts and tests use. */
export { defineService } from './types.js';
export type {
  CheckSpec,
  Collector,
  EnvConfig,
  EnvShape,
  InitStep,
  MetricPoint,
  PlatformData,
  PlatformName,
  Probe,
  ProbeContext,
  ProcessSpec,
  ProcessView,
  ReadinessSpec,
  ServiceContext,
  ServiceDefinition,
  TemplateSpec,
} from './types.js';
export { runAgent } from './run-agent.js';
export { vars, secret, fromFile, isDnsName, isSecret, dataDirProblem } from './env-types.js';
export { loadConfig } from './config.js';
export { agentEnv, loadAgentSettings, type AgentSettings } from './agent-settings.js';
export { renderTemplates, writeRendered } from './templates.js';
export * from './errors.js';
export { ensureLoginUser, findUser, lookupUser, setLoginPassword, type LoginUserOptions, type SystemUser } from './system-users.js';
export { runCommand, type RunCommandOptions } from './run-command.js';
export { runLogged, spawnLogged, describeExit, type ExitStatus, type LoggedProcess, type SpawnLoggedOptions } from './logged-process.js';
export { withTemporaryDaemon, type TemporaryDaemonOptions } from './temporary-daemon.js';
export { freePort } from './free-port.js';
export { maskSecrets, SECRET_MASK } from './secret-mask.js';
export { readProcTable, sharedProcTable, type ProcEntry } from './proc-table.js';
export { probeInjection, renderDefinitionTemplates, renderServiceTemplates, serviceTemplateContext, type InjectionOutcome } from './service-templates.js';
export type { RenderedFile } from './templates.js';
export * from './checks/index.js';
export { waitForDependency, type WaitOptions } from './init-steps.js';
export { ensureTlsCert, tlsCertStep, type TlsCertOptions } from './tls-cert.js';
export { nginxStatusCollector, phpFpmStatusCollector } from './metrics/index.js';
export { measurementPoint } from './metrics/measurement-point.js';
export { lazyModule } from './lazy-module.js';
export { isMain } from './is-main.js';
export { processNameLink, processNameLinkStep } from './process-name-link.js';
export { bracketHost, hostPort, probeHost } from './listen-address.js';
export { allowTraversal } from './run-dir.js';
export { checkDataDir, claimDataDir, DATA_DIR_MARKER, type ClaimOptions } from './data-dir.js';
export { silentLogger, type Logger } from './logger.js';
export { ensureSshHostKeys, sshHostKeyPath, SSH_HOST_KEY_TYPES, type SshHostKeyOptions } from './ssh-host-keys.js';
export {
  InfluxClient,
  ident,
  literal,
  quoteInfluxql,
  type InfluxSeries,
  type InfluxStatementResult,
  type QueryOptions,
  type WriteTarget,
} from './influx/index.js';
