import { describe, expect, it } from 'vitest';
import { addEvent, emptyTotals, parseLogLine } from './vsftpd-log.js';

// Lines as Debian's vsftpd 3.0.3 wrote them in this service's tests.
const LINES = [
  'Sun Nov 22 00:55:55 2026 [pid 1189] CONNECT: Client "127.0.0.1"',
  'Sun Nov 22 00:55:55 2026 [pid 1190] [fttestmanual] OK LOGIN: Client "127.0.0.1"',
  'Sun Nov 22 00:56:03 2026 [pid 1470] [fttestmanual] OK UPLOAD: Client "127.0.0.1", "/hello.txt", 6 bytes, 3.23Kbyte/sec',
  'Sun Nov 22 00:56:03 2026 [pid 1489] [fttestmanual] OK DOWNLOAD: Client "127.0.0.1", "/hello.txt", 6 bytes, 2.37Kbyte/sec',
  'Sun Nov  2 00:56:04 2026 [pid 1490] [fttestmanual] FAIL LOGIN: Client "10.0.0.7"',
  'Sun Nov 22 00:56:05 2026 [pid 1491] [fttestmanual] FAIL UPLOAD: Client "127.0.0.1", "/big, "odd".bin", 4096 bytes, 100.00Kbyte/sec',
  'Sun Nov 22 00:56:06 2026 [pid 1492] [fttestmanual] OK MKDIR: Client "127.0.0.1", "/dir"',
];

describe('parseLogLine', () => {
  it('reads logins and transfers, with their bytes', () => {
    expect(parseLogLine(LINES[0] as string)).toBeUndefined();
    expect(parseLogLine(LINES[1] as string)).toEqual({ ok: true, kind: 'LOGIN', user: 'fttestmanual', client: '127.0.0.1', bytes: 0 });
    expect(parseLogLine(LINES[2] as string)).toMatchObject({ ok: true, kind: 'UPLOAD', bytes: 6 });
    expect(parseLogLine(LINES[4] as string)).toMatchObject({ ok: false, kind: 'LOGIN', client: '10.0.0.7' });
    // A file name holding quotes and commas does not move the byte count.
    expect(parseLogLine(LINES[5] as string)).toMatchObject({ ok: false, kind: 'UPLOAD', bytes: 4096 });
  });

  it('is not fooled by a user name that imitates a transfer', () => {
    const typed = 'x] OK UPLOAD: Client "1.2.3.4", "/f", 999999999 bytes, 1.00Kbyte/sec';
    const e = parseLogLine(`Sun Nov 22 00:56:04 2026 [pid 7] [${typed}] FAIL LOGIN: Client "10.0.0.9"`);
    expect(e).toMatchObject({ ok: false, kind: 'LOGIN', user: typed, client: '10.0.0.9', bytes: 0 });
  });

  it('ignores what is not a vsftpd log line', () => {
    expect(parseLogLine('')).toBeUndefined();
    expect(parseLogLine('OK LOGIN: Client "1.2.3.4"')).toBeUndefined();
  });
});

describe('addEvent', () => {
  it('counts completed transfers and every transferred byte', () => {
    const totals = emptyTotals();
    for (const line of LINES) {
      const e = parseLogLine(line);
      if (e) addEvent(totals, e);
    }
    expect(totals).toEqual({ logins: 1, failed_logins: 1, uploads: 1, downloads: 1, upload_bytes: 6 + 4096, download_bytes: 6 });
  });
});
