import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, waitUntil } from '@ft/testkit';
import { tcpCheck } from './checks/index.js';
import { ProcessExitError, ReadyTimeoutError, SpawnError } from './errors.js';
import { readProcEntry } from './proc-table.js';
import { Supervisor } from './supervisor.js';

interface Line {
  msg: string;
  process?: string;
  stream?: string;
}

function capture() {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Line);
      done();
    },
  });
  return { lines, log: pino({ level: 'info' }, stream) };
}

const supervisors: Supervisor[] = [];
afterEach(async () => {
  for (const s of supervisors.splice(0)) await s.stopAll();
});

function make(stopGraceMs = 2_000) {
  const { lines, log } = capture();
  const exits: ProcessExitError[] = [];
  const s = new Supervisor({ log, stopGraceMs, onUnexpectedExit: (e) => exits.push(e) });
  supervisors.push(s);
  return { s, lines, exits };
}
const signal = () => new AbortController().signal;

describe('Supervisor', () => {
  it('runs a process as its declared user, with only its declared environment', async () => {
    process.env.FT_TEST_SECRET = 'must-not-leak';
    try {
      const { s, lines } = make();
      await s.startAll(
        [
          {
            name: 'who',
            argv: ['sh', '-c', 'echo "uid=$(id -u) secret=${FT_TEST_SECRET:-none} mine=$MINE"; exec sleep 30'],
            user: 'nobody',
            env: { MINE: 'yes' },
          },
        ],
        signal(),
      );
      const line = await waitUntil(() => lines.find((l) => l.process === 'who' && l.msg.startsWith('uid=')), 5_000, 'output');
      expect(line.msg).toBe('uid=65534 secret=none mine=yes');
      expect(line.stream).toBe('stdout');
    } finally {
      delete process.env.FT_TEST_SECRET;
    }
  });

  it('names the process when its binary does not exist', async () => {
    const { s } = make();
    const attempt = s.startAll([{ name: 'ghost', argv: ['/nonexistent/daemon'] }], signal());
    await expect(attempt).rejects.toBeInstanceOf(SpawnError);
    await expect(attempt).rejects.toThrow(/process ghost could not start: spawn \/nonexistent\/daemon ENOENT/);
  });

  it('gives up on a process that never becomes ready, naming the last probe failure', async () => {
    const { s } = make();
    const port = await freePort();
    const attempt = s.startAll([{ name: 'mute', argv: ['sleep', '30'], ready: { probe: tcpCheck({ host: '127.0.0.1', port }), timeoutMs: 600 } }], signal());
    await expect(attempt).rejects.toBeInstanceOf(ReadyTimeoutError);
    await expect(attempt).rejects.toThrow(new RegExp(`process mute not ready after 600 ms: tcp 127.0.0.1:${port}: connect ECONNREFUSED`));
  });

  it('fails the start when a process dies before it is ready, and reports the exit once', async () => {
    const { s, exits } = make();
    const port = await freePort();
    const attempt = s.startAll(
      [{ name: 'dies', argv: ['sh', '-c', 'exit 4'], ready: { probe: tcpCheck({ host: '127.0.0.1', port }), timeoutMs: 10_000 } }],
      signal(),
    );
    await expect(attempt).rejects.toThrow('process dies exited with code 4');
    expect(exits.map((e) => e.message)).toEqual(['process dies exited with code 4']);
  });

  it('SIGKILLs a process that ignores its stop signal after the grace period, workers included', async () => {
    const { s, lines, exits } = make(500);
    await s.startAll([{ name: 'stubborn', argv: ['sh', '-c', "trap '' TERM; sleep 30 & echo worker=$!; wait"] }], signal());
    const worker = await waitUntil(() => lines.find((l) => l.msg.startsWith('worker=')), 5_000, 'worker pid');
    const workerPid = Number(worker.msg.slice('worker='.length));
    const started = Date.now();
    await s.stopAll();
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(lines.some((l) => /ignored SIGTERM for 500 ms; SIGKILL/.test(l.msg))).toBe(true);
    // Gone, or dead and waiting for this machine's init to reap it (outside a PID namespace).
    expect((await readProcEntry(workerPid))?.state ?? 'gone').toMatch(/^(gone|Z)$/);
    expect(exits).toEqual([]);
  });
});
