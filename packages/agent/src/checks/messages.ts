/**
 * The errors probes throw. Every message is one line, starts with what was probed
 * ("GET https://127.0.0.1/x", "mysql app@127.0.0.1:3306"), and has any secret masked: the
 * message ends up in logs, in /healthz bodies and in Grafana.
 */
import { CheckFailedError, describeError } from '../errors.js';
import { maskSecrets } from '../secret-mask.js';

/** Longer details are cut: a health message is read at a glance, not scrolled. */
const MAX_DETAIL = 300;

/** The target answered, but not as expected (wrong status, login refused, query error). */
export function checkFailed(target: string, detail: string, secrets: readonly (string | undefined)[] = []): CheckFailedError {
  return new CheckFailedError(`${target}: ${clean(detail, secrets)}`);
}

/**
 * The target could not be asked (refused, reset, TLS handshake failed, DNS). The original error
 * is not kept as `cause`: libraries put connection settings on their errors, and a logger that
 * serialises causes would print them.
 */
export function unreachable(target: string, err: unknown, secrets: readonly (string | undefined)[] = []): Error {
  const wrapped = new Error(`${target}: ${clean(describeError(err), secrets)}`);
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') Object.assign(wrapped, { code });
  return wrapped;
}

/** One line, secrets masked, bounded length. */
export function clean(text: string, secrets: readonly (string | undefined)[] = []): string {
  const out = maskSecrets(text.replace(/\s+/g, ' ').trim(), secrets);
  return out.length > MAX_DETAIL ? `${out.slice(0, MAX_DETAIL - 1)}…` : out;
}
