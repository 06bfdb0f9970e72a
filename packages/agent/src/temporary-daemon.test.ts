/**
 * withTemporaryDaemon against the real daemons it serves (Debian's influxd and mariadbd): started
 * privately, waited for, used, stopped; and every way out leaves no process behind.
 */
import { existsSync } from 'node:fs';
import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canConnect, makeTempDir, processesMatching, removeDir, run } from '@ft/testkit';
import { AgentError } from './errors.js';
import { freePort } from './free-port.js';
import { InfluxClient } from './influx/index.js';
import { silentLogger } from './logger.js';
import { withTemporaryDaemon, type TemporaryDaemonOptions } from './temporary-daemon.js';

const log = silentLogger();
const never = new AbortController().signal;
let dir: string;

beforeAll(async () => {
  dir = await makeTempDir('temporary-daemon');
});
afterAll(async () => {
  await removeDir(dir);
});

/** An influxd on a free loopback port, its files under `dir`/name; the config file names it in /proc. */
async function influxdOn(name: string): Promise<{ argv: [string, ...string[]]; port: number; url: string; configFile: string }> {
  const home = path.join(dir, name);
  for (const sub of ['meta', 'data', 'wal']) await mkdir(path.join(home, sub), { recursive: true });
  const port = await freePort();
  const configFile = path.join(home, 'influxdb.conf');
  await writeFile(
    configFile,
    [
      'reporting-disabled = true',
      'bind-address = "127.0.0.1:0"',
      `[meta]\n  dir = "${home}/meta"`,
      `[data]\n  dir = "${home}/data"\n  wal-dir = "${home}/wal"`,
      `[http]\n  bind-address = "127.0.0.1:${port}"\n  log-enabled = false`,
      '',
    ].join('\n'),
  );
  return { argv: ['influxd', 'run', '-config', configFile], port, url: `http://127.0.0.1:${port}`, configFile };
}

function influxdOptions(d: Awaited<ReturnType<typeof influxdOn>>, over: Partial<TemporaryDaemonOptions<void>> = {}): TemporaryDaemonOptions<void> {
  const client = new InfluxClient({ url: d.url, keepAlive: false });
  return {
    name: 'influxd-test',
    argv: d.argv,
    log,
    signal: never,
    connect: () => client.ping(AbortSignal.timeout(2_000)),
    readyTimeoutMs: 60_000,
    retryMs: 100,
    ...over,
  };
}

async function expectError(work: Promise<unknown>, message: RegExp): Promise<AgentError> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AgentError);
  expect((err as AgentError).code).toBe('FT_ERR_TEMPORARY_DAEMON');
  expect((err as Error).message).toMatch(message);
  return err as AgentError;
}

describe('withTemporaryDaemon', () => {
  it('influxd: ready once /ping answers, the steps run against it, stopped cleanly afterwards', async () => {
    const d = await influxdOn('influxd-ok');
    const answer = await withTemporaryDaemon(influxdOptions(d), async () => {
      expect(processesMatching(d.configFile)).toHaveLength(1);
      const client = new InfluxClient({ url: d.url, keepAlive: false });
      await client.query('CREATE DATABASE made_by_steps', { method: 'POST' });
      return (await client.rows('SHOW DATABASES')).map((r) => r['name']);
    });
    expect(answer).toContain('made_by_steps');
    expect(processesMatching(d.configFile)).toEqual([]);
    expect(await canConnect(d.port)).toBe(false);
  });

  it('mariadbd on a private socket only: the steps get the connection, which is closed before the stop', async () => {
    const home = path.join(dir, 'mariadb');
    const dataDir = path.join(home, 'data');
    const socket = path.join(home, 'init.sock');
    await mkdir(home, { recursive: true });
    await run('mariadb-install-db', ['--no-defaults', `--datadir=${dataDir}`, '--user=root', '--skip-test-db', '--skip-name-resolve', `--tmpdir=${home}`]);
    const argv = [
      '/usr/sbin/mariadbd',
      '--no-defaults',
      `--datadir=${dataDir}`,
      `--socket=${socket}`,
      `--pid-file=${home}/init.pid`,
      `--tmpdir=${home}`,
      '--skip-networking',
      '--user=root',
    ] as const;
    let closed = false;
    const rows = await withTemporaryDaemon(
      {
        name: 'mariadbd-test',
        argv,
        log,
        signal: never,
        connect: () => createConnection({ socketPath: socket, user: 'root', connectTimeout: 2_000 }),
        readyTimeoutMs: 120_000,
        release: async (conn) => {
          await conn.end();
          closed = true;
        },
      },
      async (conn) => {
        await conn.query('CREATE DATABASE made_by_steps');
        const [result] = await conn.query('SHOW DATABASES');
        return (result as { Database: string }[]).map((r) => r.Database);
      },
    );
    expect(rows).toContain('made_by_steps');
    expect(closed).toBe(true);
    expect(processesMatching(`--datadir=${dataDir}`)).toEqual([]);
    expect(existsSync(socket)).toBe(false);
  });

  it('a daemon that exits before it is ready: its exit and last lines, at once', async () => {
    const started = Date.now();
    const err = await expectError(
      // A data dir that does not exist: mariadbd says so and gives up.
      withTemporaryDaemon(
        {
          name: 'mariadbd-bad',
          argv: ['/usr/sbin/mariadbd', '--no-defaults', `--datadir=${dir}/nowhere`],
          log,
          signal: never,
          connect: () => Promise.reject(new Error('no')),
          readyTimeoutMs: 60_000,
        },
        () => Promise.resolve(),
      ),
      /^temporary mariadbd-bad exited with code 1 before it was ready: .*Can't change dir to '.*nowhere.*Aborting/,
    );
    expect(err.exitCode).toBe(70);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a binary that cannot be started', async () => {
    await expectError(
      withTemporaryDaemon(
        { name: 'nothing', argv: [path.join(dir, 'no-such-daemon')], log, signal: never, connect: () => Promise.resolve(), readyTimeoutMs: 5_000 },
        () => Promise.resolve(),
      ),
      /^temporary nothing could not start: .*ENOENT/,
    );
  });

  it('a daemon never ready within the time: the last failure, and it is killed', async () => {
    const d = await influxdOn('influxd-never');
    const elsewhere = new InfluxClient({ url: `http://127.0.0.1:${await freePort()}`, keepAlive: false });
    await expectError(
      withTemporaryDaemon(influxdOptions(d, { connect: () => elsewhere.ping(AbortSignal.timeout(500)), readyTimeoutMs: 1_500 }), () => Promise.resolve()),
      /^temporary influxd-test not ready after 1500 ms \(.*ECONNREFUSED.*\)/,
    );
    expect(processesMatching(d.configFile)).toEqual([]);
  });

  it('failing steps: their own error, and the daemon is stopped', async () => {
    const d = await influxdOn('influxd-steps-fail');
    await expect(
      withTemporaryDaemon(influxdOptions(d), () => {
        throw new Error('the step failed');
      }),
    ).rejects.toThrow(/^the step failed$/);
    expect(processesMatching(d.configFile)).toEqual([]);
  });

  it("the agent's stop while it starts: refused at once, nothing left", async () => {
    const d = await influxdOn('influxd-abort');
    const stop = new AbortController();
    const pending = withTemporaryDaemon(
      influxdOptions(d, { signal: stop.signal, connect: () => Promise.reject(new Error('not yet')), abortSignal: 'SIGKILL' }),
      () => Promise.resolve(),
    );
    setTimeout(() => stop.abort(), 300);
    await expectError(pending, /the agent is stopping/);
    expect(processesMatching(d.configFile)).toEqual([]);
  });

  it('a daemon that ignores SIGTERM: killed after the stop timeout, and said', async () => {
    const marker = path.join(dir, 'ignores-term');
    await expectError(
      withTemporaryDaemon(
        // A real process that ignores SIGTERM, as a daemon stuck in its shutdown would.
        // Ready once the trap is set (the file written after it).
        {
          name: 'stubborn',
          argv: ['/bin/sh', '-c', `trap '' TERM; : > ${marker}; sleep 60`],
          log,
          signal: never,
          connect: () => access(marker),
          readyTimeoutMs: 5_000,
          stopTimeoutMs: 500,
        },
        () => Promise.resolve(),
      ),
      /^temporary stubborn did not stop within 500 ms of SIGTERM \(killed\)/,
    );
    expect(processesMatching(marker)).toEqual([]);
  });
});
