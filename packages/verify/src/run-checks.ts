/**
 * Runs the checks against a target: each with its own deadline (an AbortSignal its clients obey,
 * and a timer that fails it even if a client does not), groups side by side, the checks of a group
 * one after another. Never throws for a failing check: every one ends as a result.
 */
import { withDeadline } from '@ft/agent/host';
import { CHECKS, type Check, type CheckContext } from './checks/index.js';
import { CheckFailure, redact } from './errors.js';
import {
  CHECK_NAMES,
  DEFAULT_PORTS,
  type CheckName,
  type CheckResult,
  type TargetPorts,
  type VerifyOptions,
  type VerifySecrets,
  type VerifyTarget,
} from './types.js';

const DEFAULT_TIMEOUT_MS = 45_000;
const DEFAULT_CLOSED_PORT_WAIT_MS = 3_000;
const DEFAULT_CONCURRENCY = 3;

/** Every password of the secrets: none may appear in a result. */
function secretValues(secrets: VerifySecrets): string[] {
  return [
    secrets.ssh.password,
    secrets.ftp.password,
    secrets.wordpress.dbPassword,
    ...secrets.wordpress.users.map((u) => u.password),
    secrets.grafana?.admin.password ?? '',
  ];
}

export function resolvePorts(target: VerifyTarget): TargetPorts {
  return { ...DEFAULT_PORTS, ...target.ports };
}

/** A check's title for the target, e.g. for a task list drawn before the checks run. */
export function checkTitle(name: CheckName, target: VerifyTarget): string {
  return CHECKS[name].title({ address: target.address, ports: resolvePorts(target) });
}

async function runOne(check: Check, base: Omit<CheckContext, 'signal'>, secrets: string[]): Promise<CheckResult> {
  const title = check.title(base);
  const started = Date.now();
  const controller = new AbortController();
  try {
    const found = await withDeadline(check.run({ ...base, signal: controller.signal }), base.timeoutMs, () => {
      controller.abort();
      return new CheckFailure('FT_VERIFY_TIMEOUT', `no result within ${base.timeoutMs / 1000} s`);
    });
    return { name: check.name, title, status: 'pass', message: redact(found, secrets), ms: Date.now() - started };
  } catch (err) {
    const failure = err instanceof CheckFailure ? err : new CheckFailure('FT_VERIFY_UNREACHABLE', err instanceof Error ? err.message : String(err));
    return { name: check.name, title, status: 'fail', code: failure.code, message: redact(failure.message, secrets), ms: Date.now() - started };
  } finally {
    controller.abort();
  }
}

export async function runChecks(target: VerifyTarget, options: VerifyOptions): Promise<CheckResult[]> {
  const unknown = [...(options.only ?? []), ...Object.keys(options.skip ?? {})].filter((n) => !(CHECK_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0) throw new CheckFailure('FT_VERIFY_USAGE', `unknown checks ${unknown.join(', ')} (known: ${CHECK_NAMES.join(', ')})`);
  const ports = resolvePorts(target);
  const base: Omit<CheckContext, 'signal'> = {
    address: target.address,
    ports,
    secrets: options.secrets,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    closedPortWaitMs: options.closedPortWaitMs ?? DEFAULT_CLOSED_PORT_WAIT_MS,
  };
  const secrets = secretValues(options.secrets);
  const names = CHECK_NAMES.filter((n) => !options.only || options.only.includes(n));
  const results = new Map<CheckName, CheckResult>();
  const report = (result: CheckResult): void => {
    results.set(result.name, result);
    options.onResult?.(result);
  };

  // One queue per group, in CHECK_NAMES order; up to `concurrency` queues at once.
  const queues = new Map<Check['group'], Check[]>();
  for (const name of names) {
    const check = CHECKS[name];
    const reason = options.skip?.[name];
    if (reason !== undefined) {
      report({ name, title: check.title(base), status: 'skip', message: reason, ms: 0 });
      continue;
    }
    queues.set(check.group, [...(queues.get(check.group) ?? []), check]);
  }
  const pending = [...queues.values()];
  const worker = async (): Promise<void> => {
    for (let queue = pending.shift(); queue; queue = pending.shift()) {
      for (const check of queue) report(await runOne(check, base, secrets));
    }
  };
  const width = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, pending.length));
  await Promise.all(Array.from({ length: width }, worker));
  return names.map((n) => results.get(n)).filter((r): r is CheckResult => r !== undefined);
}

/** The names of the checks that failed (empty when all passed or were skipped). */
export function failedChecks(results: readonly CheckResult[]): CheckName[] {
  return results.filter((r) => r.status === 'fail').map((r) => r.name);
}
