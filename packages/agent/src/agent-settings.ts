/** The variables every agent reads, whatever its service. */
import os from 'node:os';
import { z } from 'zod';
import { loadConfig } from './config.js';
import { secret, vars } from './env-types.js';
import type { EnvConfig } from './types.js';

export const agentEnv = {
  /** Port of /healthz, /readyz and /metrics; never one of a service's public ports. */
  AGENT_PORT: vars.port().default(9180),
  AGENT_HOST: vars.hostname().default('0.0.0.0'),
  AGENT_PLATFORM: vars.oneOf(['alpine', 'debian']).default('alpine'),
  /**
   * Kubernetes passes the pod name through the downward API; the host name is the fallback
   * (validated too: prefault, not default). It lands in grafana.ini and on every log line.
   */
  AGENT_POD_NAME: vars.dnsName('a pod name (a DNS name: letters, digits, - and .)').prefault(os.hostname()),
  /** Writable directory for rendered config, pid files and sockets; its path lands in every config. */
  AGENT_RUN_DIR: vars.dataDir().default('/run/ft'),
  AGENT_LOG_LEVEL: vars.oneOf(['trace', 'debug', 'info', 'warn', 'error']).default('info'),
  /** Grace period between the stop signal and SIGKILL. */
  AGENT_STOP_GRACE_MS: vars.int(0, 600_000).default(10_000),
  /** Unset: metrics are collected for /metrics only and not pushed. */
  AGENT_INFLUX_URL: vars.url().optional(),
  AGENT_INFLUX_DB: vars.identifier().default('metrics'),
  AGENT_INFLUX_RP: vars.identifier().optional(),
  AGENT_INFLUX_USER: vars.identifier().optional(),
  AGENT_INFLUX_PASSWORD: secret(z.string()).optional(),
  AGENT_METRICS_INTERVAL_MS: vars.int(100, 3_600_000).default(10_000),
  /** Points kept while InfluxDB is unreachable; the oldest are dropped (and counted) past it. */
  AGENT_METRICS_BUFFER: vars.int(10, 10_000_000).default(50_000),
  AGENT_METRICS_BATCH: vars.int(1, 100_000).default(5_000),
  /** Upper bound of the retry backoff. */
  AGENT_METRICS_MAX_BACKOFF_MS: vars.int(10, 600_000).default(30_000),
  /** Where resource figures come from: cgroup v2, v1, or the process table of this PID namespace. */
  AGENT_RESOURCE_SOURCE: vars.oneOf(['auto', 'cgroup2', 'cgroup1', 'proc']).default('auto'),
};

export type AgentSettings = EnvConfig<typeof agentEnv>;

export function loadAgentSettings(env: Readonly<Record<string, string | undefined>>): AgentSettings {
  return loadConfig(agentEnv, env);
}
