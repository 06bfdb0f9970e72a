/**
 * Drives HTTP load with `wrk` (Debian's 4.1) and reads its text report. wrk prints the "Socket
 * errors" and "Non-2xx or 3xx responses" lines only when there were some, so a missing one means
 * zero; any other missing line means a report this parser does not know, and it throws rather
 * than pass silently.
 */
import { spawn } from 'node:child_process';

export interface WrkErrors {
  connect: number;
  read: number;
  write: number;
  timeout: number;
  /** Responses outside 2xx/3xx. */
  non2xx3xx: number;
}

export interface WrkReport {
  requests: number;
  durationS: number;
  requestsPerS: number;
  /** The thread stats line (mean, deviation, max) and the distribution `--latency` prints, in ms. */
  latencyMs: { avg: number; stdev: number; max: number; p50?: number; p75?: number; p90?: number; p99?: number };
  errors: WrkErrors;
  /** The report as wrk printed it. */
  text: string;
}

export interface WrkOptions {
  url: string;
  connections: number;
  /** Default 2, and never more than `connections` (wrk refuses that). */
  threads?: number;
  durationS: number;
  /** Extra request headers, "Name: value". */
  headers?: string[];
  /** wrk's per-request timeout (default 2 s in wrk). */
  timeoutS?: number;
  /** A Lua script (wrk -s). */
  script?: string;
}

/**
 * Runs wrk with `--latency` and resolves with its parsed report. Rejects, with wrk's own words,
 * when it prints no report (it could not connect at all) or hangs well past its duration.
 */
export function runWrk(options: WrkOptions): Promise<WrkReport> {
  const threads = Math.min(options.threads ?? 2, options.connections);
  const args = ['-t', String(threads), '-c', String(options.connections), '-d', `${options.durationS}s`, '--latency'];
  for (const header of options.headers ?? []) args.push('-H', header);
  if (options.timeoutS !== undefined) args.push('--timeout', `${options.timeoutS}s`);
  if (options.script !== undefined) args.push('-s', options.script);
  args.push(options.url);
  const killAfterMs = (options.durationS + (options.timeoutS ?? 2) + 30) * 1_000;
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', (spawnErr) => {
      clearTimeout(timer);
      reject(spawnErr);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // A report with errors is still a report, whatever wrk's exit status.
      try {
        resolve(parseWrk(out));
      } catch (parseErr) {
        reject(new Error(`wrk ${args.join(' ')} exited ${code ?? signal}: ${(err || out).trim() || (parseErr as Error).message}`));
      }
    });
  });
}

const TIME_UNITS_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "635.91us", "12.92ms", "1.20s", "2.00m" -> ms. */
export function parseWrkTime(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!m) throw new Error(`not a wrk time: ${text}`);
  return Number(m[1]) * (TIME_UNITS_MS[m[2] as string] as number);
}

/** Parses wrk's text report (wrk 4.x, with or without `--latency`). */
export function parseWrk(text: string): WrkReport {
  const need = (re: RegExp, what: string): RegExpExecArray => {
    const m = re.exec(text);
    if (!m) throw new Error(`not a wrk report (no ${what}):\n${text.slice(0, 400)}`);
    return m;
  };
  const latency = need(/^[ \t]*Latency[ \t]+(\S+)[ \t]+(\S+)[ \t]+(\S+)/m, 'latency line');
  const done = need(/^[ \t]*(\d+) requests in ([\d.]+)(us|ms|s|m|h),/m, 'request count');
  const rate = need(/^Requests\/sec:\s+([\d.]+)/m, 'Requests/sec');
  const latencyMs: WrkReport['latencyMs'] = {
    avg: parseWrkTime(latency[1] as string),
    stdev: parseWrkTime(latency[2] as string),
    max: parseWrkTime(latency[3] as string),
  };
  // Only with --latency: "     50%  635.00us" rows (a trailing blank is possible).
  for (const row of text.matchAll(/^[ \t]+(50|75|90|99)%[ \t]+(\S+)[ \t]*$/gm)) {
    latencyMs[`p${row[1] as '50' | '75' | '90' | '99'}`] = parseWrkTime(row[2] as string);
  }
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(text);
  return {
    requests: Number(done[1]),
    durationS: parseWrkTime(`${done[2]}${done[3]}`) / 1_000,
    requestsPerS: Number(rate[1]),
    latencyMs,
    errors: {
      connect: Number(socket?.[1] ?? 0),
      read: Number(socket?.[2] ?? 0),
      write: Number(socket?.[3] ?? 0),
      timeout: Number(socket?.[4] ?? 0),
      non2xx3xx: Number(non2xx?.[1] ?? 0),
    },
    text,
  };
}

/** All errors of a report, socket and HTTP. */
export function wrkErrorCount(report: WrkReport): number {
  const e = report.errors;
  return e.connect + e.read + e.write + e.timeout + e.non2xx3xx;
}
