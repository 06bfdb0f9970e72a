/**
 * vsftpd's own log format (vsftpd_log_file with xferlog_std_format=NO), one event a line:
 *   Sat Nov 22 10:00:01 2025 [pid 412] [alice] OK LOGIN: Client "10.0.0.7"
 *   Sat Nov 22 10:00:01 2025 [pid 415] [alice] FAIL LOGIN: Client "10.0.0.7"
 *   Sat Nov 22 10:00:02 2025 [pid 414] [alice] OK UPLOAD: Client "10.0.0.7", "/a b.txt", 10485760 bytes, 81920.00Kbyte/sec
 *   Sat Nov 22 10:00:00 2025 [pid 411] CONNECT: Client "10.0.0.7"
 */

export interface LogEvent {
  ok: boolean;
  /** LOGIN, UPLOAD, DOWNLOAD, MKDIR, DELETE, RENAME, ... */
  kind: string;
  user: string | undefined;
  client: string;
  /** Bytes moved by a transfer (also by a failed one, which may have moved part of a file). */
  bytes: number;
}

// The user part is greedy: a user name typed at a failed login may itself contain "] OK UPLOAD: ",
// and only the last such marker on the line is vsftpd's own.
const LINE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4} \[pid \d+\] (?:\[(.*)\] )?(OK|FAIL) ([A-Z]+): Client "([^"]*)"(.*)$/;
const TRANSFER_TAIL = /, (\d+) bytes, [\d.]+Kbyte\/sec$/;

export function parseLogLine(line: string): LogEvent | undefined {
  const m = LINE.exec(line);
  if (!m) return undefined;
  const [, user, status, kind, client, rest] = m as unknown as [string, string | undefined, string, string, string, string];
  const bytes = TRANSFER_TAIL.exec(rest);
  return { ok: status === 'OK', kind, user, client, bytes: bytes ? Number(bytes[1]) : 0 };
}

/** The ftp measurement's running totals (sessions is a gauge and comes from the process table). */
export interface FtpTotals {
  logins: number;
  failed_logins: number;
  uploads: number;
  downloads: number;
  upload_bytes: number;
  download_bytes: number;
}

export function emptyTotals(): FtpTotals {
  return { logins: 0, failed_logins: 0, uploads: 0, downloads: 0, upload_bytes: 0, download_bytes: 0 };
}

/** Adds one event to the totals; transfers count when complete, their bytes always. */
export function addEvent(totals: FtpTotals, e: LogEvent): void {
  switch (e.kind) {
    case 'LOGIN':
      if (e.ok) totals.logins++;
      else totals.failed_logins++;
      break;
    case 'UPLOAD':
      if (e.ok) totals.uploads++;
      totals.upload_bytes += e.bytes;
      break;
    case 'DOWNLOAD':
      if (e.ok) totals.downloads++;
      totals.download_bytes += e.bytes;
      break;
    default:
      break;
  }
}
