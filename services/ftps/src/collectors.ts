/**
 * `ftp`: current sessions (vsftpd's per-connection processes) and running totals of logins and
 * transfers, read incrementally from vsftpd's log. Totals count from this agent's start.
 */
import { measurementPoint, sharedProcTable, type Collector, type MetricPoint, type Logger, type ProcessView } from '@ft/agent';
import type { FtpsContext } from './env.js';
import { LogFileReader } from './log-file-reader.js';
import { ftpsPaths } from './paths.js';
import { addEvent, emptyTotals, parseLogLine } from './vsftpd-log.js';

/** The log is only a feed for these totals and the agent's own log; past this it is emptied. */
const LOG_MAX_BYTES = 16 * 1024 * 1024;

export interface FtpCollectorOptions {
  logFile: string;
  processes: ProcessView;
  /** Name of the vsftpd listener among the supervised processes. */
  processName: string;
  /** Each login and transfer line is repeated here, so `kubectl logs` shows them. */
  log?: Logger;
}

export function ftpCollector(options: FtpCollectorOptions): Collector {
  const tail = new LogFileReader(options.logFile, { maxBytes: LOG_MAX_BYTES });
  const totals = emptyTotals();
  return {
    name: 'ftp',
    async collect(): Promise<MetricPoint[]> {
      for (const line of await tail.readNewLines()) {
        const event = parseLogLine(line);
        if (!event) continue; // CONNECT lines and the like: every check run makes one
        options.log?.info({ process: options.processName, stream: 'log' }, line);
        addEvent(totals, event);
      }
      const sessions = await countSessions(options.processes.pid(options.processName));
      return [measurementPoint('ftp', { sessions, ...totals })];
    },
  };
}

/**
 * vsftpd's listener forks one process per connection (which forks its unprivileged helper in
 * turn): the listener's live children are the open sessions, logged in or not yet.
 */
export async function countSessions(listenerPid: number | undefined): Promise<number> {
  if (listenerPid === undefined) return 0;
  let n = 0;
  for (const p of (await sharedProcTable()).values()) {
    if (p.ppid === listenerPid && p.state !== 'Z') n++;
  }
  return n;
}

/** The service's collectors: the `ftp` measurement from vsftpd's log and its processes. */
export function ftpsCollectors(ctx: FtpsContext): Collector[] {
  return [ftpCollector({ logFile: ftpsPaths(ctx.agent.AGENT_RUN_DIR).log, processes: ctx.processes, processName: 'vsftpd', log: ctx.log })];
}
