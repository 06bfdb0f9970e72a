/**
 * The shapes a service declares and the agent consumes. A service's service.ts is one
 * `defineService({...})` call built from these; nothing here is service-specific.
 */
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { AgentSettings } from './agent-settings.js';

export type PlatformName = 'alpine' | 'debian';

/** Data-only facts about one platform: paths, binary names, users. No functions. */
export type PlatformData = { readonly [key: string]: string | number | boolean | readonly string[] };

/** The service's environment schema: variable name -> zod type. */
export type EnvShape = Record<string, z.ZodType>;
export type EnvConfig<S extends EnvShape> = { [K in keyof S]: z.output<S[K]> };

/** What a probe gets: a signal aborted at its timeout or at shutdown. */
export interface ProbeContext {
  signal: AbortSignal;
}

/**
 * A probe resolves (optionally with a short detail) when the target is healthy and throws
 * an Error whose message says why when it is not. It must honour `signal`.
 */
export type Probe = (ctx: ProbeContext) => Promise<string | void>;

export interface CheckSpec {
  name: string;
  probe: Probe;
  /** Default 10 s. */
  intervalMs?: number;
  /** Default 5 s; a probe still running then counts as failed. */
  timeoutMs?: number;
  /** Consecutive failures before liveness fails. Default 3. Readiness fails at the first. */
  failureThreshold?: number;
  /**
   * 'liveness' checks count for /healthz and /readyz; 'readiness' checks (a dependency such as
   * the database) only for /readyz, so a dependency outage never restarts this container.
   */
  scope?: 'liveness' | 'readiness';
}

/** How to wait for a freshly spawned process to be ready. */
export interface ReadinessSpec {
  probe: Probe;
  /** Default 30 s. */
  timeoutMs?: number;
  /** Default 100 ms. */
  intervalMs?: number;
}

export interface ProcessSpec {
  name: string;
  /** argv[0] is an absolute path or a name on PATH. */
  argv: readonly [string, ...string[]];
  env?: Readonly<Record<string, string>>;
  /** Run as this user (name from /etc/passwd) and its primary group. Default: the agent's user. */
  user?: string;
  cwd?: string;
  ready?: ReadinessSpec;
  /** Signal for a graceful stop. Default SIGTERM. */
  stopSignal?: NodeJS.Signals;
}

export interface TemplateSpec {
  /** Path relative to the service's template directory. */
  source: string;
  /** Absolute path of the rendered file. */
  target: string;
  /** File mode; default 0o644. Use 0o600 or 0o640 for files that hold secrets. */
  mode?: number;
  /** Owner user name; default: unchanged (the agent's user). */
  owner?: string;
}

/** A measurement point. Numbers are written as floats so a field never changes type. */
export interface MetricPoint {
  measurement: string;
  tags?: Readonly<Record<string, string>>;
  fields: Readonly<Record<string, number | string | boolean>>;
  time?: Date;
}

export interface Collector {
  name: string;
  collect(): Promise<MetricPoint[]>;
}

/** Read-only view of the supervised processes, for probes and collectors. */
export interface ProcessView {
  /** PID of a running process, undefined when not (yet) running. */
  pid(name: string): number | undefined;
  names(): readonly string[];
}

export interface ServiceContext<C, P extends PlatformData> {
  service: string;
  config: C;
  agent: AgentSettings;
  platform: P & { readonly name: PlatformName };
  log: Logger;
  processes: ProcessView;
  /** Aborted when the agent begins to stop. */
  signal: AbortSignal;
  /** Says what an init step is waiting for; /readyz shows it while the agent is not ready. */
  progress(message: string): void;
}

/** One step before the daemons start (wait for a dependency, initialise a data dir, seed). */
export interface InitStep {
  name: string;
  run(): Promise<void>;
}

export interface ServiceDefinition<S extends EnvShape, P extends PlatformData> {
  /** Also the `service` tag on every point and log line. */
  name: string;
  /** Variables this service reads, validated before anything starts. */
  env: S;
  /** One profile per platform; AGENT_PLATFORM picks one. */
  platforms: Readonly<Record<PlatformName, P>>;
  /** Directory holding the templates (conf/); usually new URL('../conf/', import.meta.url). */
  templateDir?: string | URL;
  templates?: (ctx: ServiceContext<EnvConfig<S>, P>) => TemplateSpec[];
  /** Extra values for templates beside config, platform and agent settings. */
  templateVars?: (ctx: ServiceContext<EnvConfig<S>, P>) => Record<string, unknown>;
  /** Run in order after templates, before the daemons; the agent is alive but not ready meanwhile. */
  init?: (ctx: ServiceContext<EnvConfig<S>, P>) => InitStep[];
  /** Started in order, each after the previous is ready; stopped in reverse. */
  processes: (ctx: ServiceContext<EnvConfig<S>, P>) => ProcessSpec[];
  checks?: (ctx: ServiceContext<EnvConfig<S>, P>) => CheckSpec[];
  collectors?: (ctx: ServiceContext<EnvConfig<S>, P>) => Collector[];
  /** Paths whose filesystem use is reported as `disk` points (the volumes). */
  volumes?: (ctx: ServiceContext<EnvConfig<S>, P>) => string[];
}

/** Identity function that gives a definition its types. */
export function defineService<S extends EnvShape, P extends PlatformData>(def: ServiceDefinition<S, P>): ServiceDefinition<S, P> {
  return def;
}
