/**
 * wrk (Debian's 4.1) and what its report says. wrk prints the "Socket errors" and "Non-2xx or 3xx
 * responses" lines only when there were some, so a missing line means zero; any other missing
 * line means the report is not what this parser knows, and it throws rather than pass silently.
 */
import { run, RunError } from '@ft/testkit';

export interface WrkReport {
  requests: number;
  durationS: number;
  requestsPerSec: number;
  latency: { avgMs: number; stdevMs: number; maxMs: number; p99Ms: number | undefined };
  errors: { connect: number; read: number; write: number; timeout: number };
  non2xx3xx: number;
  /** The report as wrk printed it. */
  text: string;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "12.34ms", "1.02s", "850.00us" -> milliseconds. */
export function durationMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!m) throw new Error(`not a wrk duration: ${text}`);
  return Number(m[1]) * (UNIT_MS[m[2] as string] as number);
}

export function parseWrk(text: string): WrkReport {
  const need = (re: RegExp, what: string): RegExpExecArray => {
    const m = re.exec(text);
    if (!m) throw new Error(`wrk report without ${what}:\n${text}`);
    return m;
  };
  const latency = need(/^[ \t]*Latency[ \t]+(\S+)[ \t]+(\S+)[ \t]+(\S+)/m, 'the latency line');
  const total = need(/^[ \t]*(\d+) requests in ([\d.]+)(us|ms|s|m|h),/m, 'the request count');
  const rate = need(/^Requests\/sec:\s+([\d.]+)/m, 'Requests/sec');
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  // Only with --latency.
  const p99 = /^[ \t]+99%[ \t]+(\S+)[ \t]*$/m.exec(text);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(text);
  return {
    requests: Number(total[1]),
    durationS: durationMs(`${total[2]}${total[3]}`) / 1_000,
    requestsPerSec: Number(rate[1]),
    latency: { avgMs: durationMs(latency[1] as string), stdevMs: durationMs(latency[2] as string), maxMs: durationMs(latency[3] as string), p99Ms: p99 ? durationMs(p99[1] as string) : undefined },
    errors: {
      connect: Number(socket?.[1] ?? 0),
      read: Number(socket?.[2] ?? 0),
      write: Number(socket?.[3] ?? 0),
      timeout: Number(socket?.[4] ?? 0),
    },
    non2xx3xx: Number(non2xx?.[1] ?? 0),
    text,
  };
}

export interface WrkOptions {
  connections: number;
  durationS: number;
  threads: number;
  timeoutS: number;
}

/** Runs wrk against `url` and parses its report; a wrk that fails to run at all throws. */
export async function runWrk(url: string, o: WrkOptions): Promise<WrkReport> {
  const args = [`-c${o.connections}`, `-d${o.durationS}s`, `-t${o.threads}`, '--timeout', `${o.timeoutS}s`, '--latency', url];
  try {
    const { stdout } = await run('wrk', args, { timeoutMs: (o.durationS + o.timeoutS + 30) * 1_000 });
    return parseWrk(stdout);
  } catch (err) {
    if (err instanceof RunError) throw new Error(`wrk ${args.join(' ')} failed: ${err.message}`, { cause: err });
    throw err;
  }
}
