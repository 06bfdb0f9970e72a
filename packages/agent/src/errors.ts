/**
 * Every error the agent raises, in one place, each with a stable code.
 * Codes are part of the log contract: dashboards and tests match on them.
 */

/** Exit codes the orchestrator sees (sysexits.h meanings). */
export const EXIT = {
  ok: 0,
  /** A daemon exited, a readiness wait or an init step failed: restart the container. */
  software: 70,
  /** Bad environment or template: restarting will not help until the config changes. */
  config: 78,
} as const;

export type ErrorCode =
  | 'FT_ERR_CONFIG'
  | 'FT_ERR_TEMPLATE'
  | 'FT_ERR_INIT'
  | 'FT_ERR_READY_TIMEOUT'
  | 'FT_ERR_PROCESS_EXIT'
  | 'FT_ERR_SPAWN'
  | 'FT_ERR_CHECK_TIMEOUT'
  | 'FT_ERR_CHECK_FAILED'
  | 'FT_ERR_METRICS_WRITE'
  | 'FT_ERR_INFLUX'
  | 'FT_ERR_COMMAND'
  | 'FT_ERR_TEMPLATE_VALUE'
  | 'FT_ERR_DATA_DIR'
  | 'FT_ERR_TEMPORARY_DAEMON';

export class AgentError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  constructor(code: ErrorCode, message: string, exitCode: number = EXIT.software, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AgentError';
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** A variable is missing or malformed. The message names it and never carries its value if secret. */
export class ConfigError extends AgentError {
  readonly variable: string;
  constructor(variable: string, expected: string) {
    super('FT_ERR_CONFIG', `${variable}: ${expected}`, EXIT.config);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

/** A template refers to a variable the config does not have, or cannot be read/written. */
export class TemplateError extends AgentError {
  readonly template: string;
  constructor(template: string, detail: string, options?: { cause?: unknown }) {
    super('FT_ERR_TEMPLATE', `template ${template}: ${detail}`, EXIT.config, options);
    this.name = 'TemplateError';
    this.template = template;
  }
}

export class InitError extends AgentError {
  constructor(step: string, detail: string, options?: { cause?: unknown }) {
    super('FT_ERR_INIT', `init step ${step}: ${detail}`, EXIT.software, options);
    this.name = 'InitError';
  }
}

export class ReadyTimeoutError extends AgentError {
  constructor(processName: string, timeoutMs: number, lastFailure: string) {
    super('FT_ERR_READY_TIMEOUT', `process ${processName} not ready after ${timeoutMs} ms: ${lastFailure}`);
    this.name = 'ReadyTimeoutError';
  }
}

export class ProcessExitError extends AgentError {
  readonly processName: string;
  constructor(processName: string, code: number | null, signal: string | null) {
    const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
    super('FT_ERR_PROCESS_EXIT', `process ${processName} ${how}`);
    this.name = 'ProcessExitError';
    this.processName = processName;
  }
}

export class SpawnError extends AgentError {
  constructor(processName: string, detail: string, options?: { cause?: unknown }) {
    super('FT_ERR_SPAWN', `process ${processName} could not start: ${detail}`, EXIT.software, options);
    this.name = 'SpawnError';
  }
}

/** Raised by a probe that ran out of time; the check runner turns it into a failed result. */
export class CheckTimeoutError extends AgentError {
  constructor(check: string, timeoutMs: number) {
    super('FT_ERR_CHECK_TIMEOUT', `check ${check} timed out after ${timeoutMs} ms`);
    this.name = 'CheckTimeoutError';
  }
}

/** Raised by a probe whose target answered, but not as expected. */
export class CheckFailedError extends AgentError {
  constructor(detail: string) {
    super('FT_ERR_CHECK_FAILED', detail);
    this.name = 'CheckFailedError';
  }
}

export class MetricsWriteError extends AgentError {
  readonly status: number | undefined;
  readonly retryable: boolean;
  constructor(detail: string, status: number | undefined, retryable: boolean) {
    super('FT_ERR_METRICS_WRITE', detail);
    this.name = 'MetricsWriteError';
    this.status = status;
    this.retryable = retryable;
  }
}

/** An InfluxDB request (ping, InfluxQL query, single write) failed; `status` is unset when there was no answer. */
export class InfluxError extends AgentError {
  readonly status: number | undefined;
  constructor(detail: string, status: number | undefined, options?: { cause?: unknown }) {
    super('FT_ERR_INFLUX', detail, EXIT.software, options);
    this.name = 'InfluxError';
    this.status = status;
  }
}

/** A short, single-line description of any thrown value, for logs and probe bodies. */
export function describeError(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) {
    return err.errors.map(describeError).join('; ');
  }
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const msg = err.message || err.name;
    return typeof code === 'string' && !msg.includes(code) ? `${code}: ${msg}` : msg;
  }
  return String(err);
}

/** A setup command (useradd, chpasswd, ssh-keygen) failed. Carries its exit code, never its input. */
export class CommandError extends AgentError {
  readonly command: string;
  /** The command's own exit status (exitCode is the agent's, as on every AgentError). */
  readonly status: number | null;
  constructor(command: string, status: number | null, detail: string) {
    super('FT_ERR_COMMAND', detail);
    this.name = 'CommandError';
    this.command = command;
    this.status = status;
  }
}

/**
 * A value about to be rendered into a config holds a control character (a line break, CR, NUL):
 * in a line-based config it would end the line and start a directive of its own. Names the
 * template, the template variable and, when it can tell, the setting the value came from; never
 * the value.
 */
export class TemplateValueError extends AgentError {
  readonly template: string;
  readonly variable: string;
  readonly setting: string | undefined;
  constructor(template: string, variable: string, what: string, setting?: string) {
    const named = setting === undefined || setting === variable || variable.endsWith(`.${setting}`);
    const from = named ? '' : ` (from ${setting})`;
    super(
      'FT_ERR_TEMPLATE_VALUE',
      `template ${template}: ${variable}${from} holds a ${what}; a value rendered into a config may not carry a line break or other control character`,
      EXIT.config,
    );
    this.name = 'TemplateValueError';
    this.template = template;
    this.variable = variable;
    this.setting = setting;
  }
}

/**
 * A data-dir setting names a directory the agent may not give to a daemon's user: a system
 * directory (through a symbolic link too), or one that holds files and was not made for the
 * service. Exit 78: the setting has to change.
 */
export class DataDirError extends AgentError {
  readonly variable: string;
  constructor(variable: string, detail: string) {
    super('FT_ERR_DATA_DIR', `${variable}: ${detail}`, EXIT.config);
    this.name = 'DataDirError';
    this.variable = variable;
  }
}

/**
 * A daemon an init step started for itself (temporary-daemon.ts) could not start, never got ready,
 * or did not stop cleanly. The message carries its last lines of output.
 */
export class TemporaryDaemonError extends AgentError {
  readonly daemon: string;
  constructor(daemon: string, detail: string, options?: { cause?: unknown }) {
    super('FT_ERR_TEMPORARY_DAEMON', `temporary ${daemon} ${detail}`, EXIT.software, options);
    this.name = 'TemporaryDaemonError';
    this.daemon = daemon;
  }
}
