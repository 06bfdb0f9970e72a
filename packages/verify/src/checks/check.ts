/** What one check is: a name, a one-line title, and a run that says what it found or throws a CheckFailure. */
import { unreachable } from '../errors.js';
import { request, type RawResponse } from '../http-request.js';
import type { CheckName, TargetPorts, VerifySecrets } from '../types.js';

export interface CheckContext {
  address: string;
  ports: TargetPorts;
  secrets: VerifySecrets;
  /** Aborted at the check's deadline: clients close their connections. */
  signal: AbortSignal;
  /** The check's deadline, ms; single requests get less so that a failure names its step. */
  timeoutMs: number;
  closedPortWaitMs: number;
}

export interface Check {
  name: CheckName;
  /** Checks of one group run one after another (e.g. ssh: a refused root must not delay the user's login). */
  group: 'http' | 'wordpress' | 'phpmyadmin' | 'grafana' | 'ftp' | 'ssh' | 'closed';
  title(ctx: Pick<CheckContext, 'address' | 'ports'>): string;
  /** Resolves with what was found (one line); throws a CheckFailure saying what is wrong. */
  run(ctx: CheckContext): Promise<string>;
}

/** `scheme://address[:port]` with the port left out when it is the scheme's default. */
export function origin(scheme: 'http' | 'https', address: string, port: number): string {
  const standard = scheme === 'http' ? 80 : 443;
  return `${scheme}://${address}${port === standard ? '' : `:${port}`}`;
}

/** A request's options from the check's context: its abort signal, and a share of its deadline. */
export function requestOptions(ctx: CheckContext): { signal: AbortSignal; timeoutMs: number } {
  return { signal: ctx.signal, timeoutMs: Math.max(1_000, Math.floor(ctx.timeoutMs / 2)) };
}

/** One request whose client errors become FT_VERIFY_UNREACHABLE naming the URL. */
export async function fetchRaw(ctx: CheckContext, url: string, path?: string): Promise<RawResponse> {
  try {
    return await request(url, { ...requestOptions(ctx), ...(path === undefined ? {} : { path }) });
  } catch (err) {
    throw unreachable(`GET ${url}`, err);
  }
}

/** The first characters of a body, on one line, for a failure message. */
export function excerpt(body: string, length = 160): string {
  const text = body
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > length ? `${text.slice(0, length)}...` : text;
}
