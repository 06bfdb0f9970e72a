import { describe, expect, it } from 'vitest';
import { parseStubStatus } from './nginx-status.js';
import { parsePhpFpmStatus } from './phpfpm-status.js';

describe('nginx stub_status', () => {
  it('reads every figure with telegraf names', () => {
    const page = 'Active connections: 2 \nserver accepts handled requests\n 10 9 31 \nReading: 0 Writing: 1 Waiting: 1 \n';
    expect(parseStubStatus(page)).toEqual({ active: 2, accepts: 10, handled: 9, requests: 31, reading: 0, writing: 1, waiting: 1 });
  });
  it('names a page that is not stub_status', () => {
    expect(() => parseStubStatus('<html>404</html>')).toThrow(/not an nginx stub_status page/);
  });
});

describe('php-fpm status', () => {
  it('maps the JSON keys and keeps the pool', () => {
    const json = JSON.stringify({
      pool: 'www',
      'process manager': 'static',
      'start time': 1,
      'start since': 40,
      'accepted conn': 12,
      'listen queue': 0,
      'max listen queue': 1,
      'listen queue len': 511,
      'idle processes': 3,
      'active processes': 1,
      'total processes': 4,
      'max active processes': 2,
      'max children reached': 0,
      'slow requests': 0,
    });
    const { pool, fields } = parsePhpFpmStatus(json);
    expect(pool).toBe('www');
    expect(fields).toMatchObject({ accepted_conn: 12, idle_processes: 3, active_processes: 1, total_processes: 4, listen_queue_len: 511 });
  });
  it('names an answer that is not the status', () => {
    expect(() => parsePhpFpmStatus('File not found.')).toThrow(/not JSON/);
    expect(() => parsePhpFpmStatus('{"x":1}')).toThrow(/no pool/);
  });
});
