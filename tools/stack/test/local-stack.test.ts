/**
 * The real CLI on this host: `local up` of every service (grafana skipped where Debian has none)
 * on 127.0.0.4 / 127.0.0.5 with a temp state dir, `status --json`, a daemon killed and restarted
 * by the supervisor, `down`, and `up` again with a MySQL row kept.
 */
import { execFile } from 'node:child_process';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SERVICES } from '@ft/platform';
import { makeTempDir, waitUntil } from '@ft/testkit';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Secrets } from '../src/secrets.js';
import { capabilitiesOfMask, readPrivilegesFile } from '../src/container-privileges.js';
import { commOf, descendantsOf } from '@ft/agent/host';
import { secretParts } from '../src/service-env.js';
import { removeStackFromHost } from '../src/host-leftovers.js';
import { parseStackStatus, serviceOf as service, type StackStatus } from '../src/status-file.js';

const exec = promisify(execFile);
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const ADDRESS = '127.0.0.4';
const INTERNAL = '127.0.0.5';

let stateDir: string;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [CLI, ...args], { timeout: 300_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const up = () => cli('local', 'up', '--state-dir', stateDir, '--address', ADDRESS, '--internal-address', INTERNAL, '--timeout', '240');
const down = () => cli('local', 'down', '--state-dir', stateDir);

async function status(): Promise<StackStatus> {
  const res = await cli('local', 'status', '--state-dir', stateDir, '--json');
  expect(res.code).toBe(0);
  return parseStackStatus(res.stdout);
}

async function wordpressDb(): Promise<mysql.Connection> {
  const secrets = JSON.parse(await readFile(path.join(stateDir, 'secrets.json'), 'utf8')) as Secrets;
  return mysql.createConnection({
    host: INTERNAL,
    port: 3306,
    user: secrets.wordpress.dbUser,
    password: secrets.wordpress.dbPassword,
    database: secrets.wordpress.dbName,
  });
}

/** The fields of /proc/<pid>/status (empty when it is gone). */
function procStatus(pid: number): Record<string, string> {
  try {
    return Object.fromEntries(
      readFileSync(`/proc/${pid}/status`, 'utf8')
        .split('\n')
        .map((line) => line.split(/:\s*/, 2) as [string, string]),
    );
  } catch {
    return {};
  }
}

beforeAll(async () => {
  stateDir = await makeTempDir('stack-local');
});

afterAll(async () => {
  // Whatever happened above, nothing of this stack may stay running.
  if (!stateDir) return;
  await down();
  // What the agents left on the host (the two accounts, WordPress's config include) and the state dir.
  await removeStackFromHost(stateDir);
}, 240_000);

describe('local mode', { timeout: 300_000 }, () => {
  const token = `row-${Date.now()}`;

  it('up refuses to start when a port of the stack is taken, naming it and its holder', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(5050, ADDRESS, resolve));
    try {
      const res = await up();
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`${ADDRESS}:5050 (wordpress https): already in use by node (pid ${process.pid})`);
      expect((await status()).supervisorPid).toBeNull();
    } finally {
      squatter.close();
    }
  });

  it('up: every service ready, status --json in the contract shape', async () => {
    const started = Date.now();
    const res = await up();
    expect(res.code, `${res.stdout}\n${res.stderr}`).toBe(0);
    console.info(`cold start to all ready: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const s = await status();
    expect(s).toMatchObject({ address: ADDRESS, internalAddress: INTERNAL, stateDir });
    expect(typeof s.supervisorPid).toBe('number');
    expect(s.services.map((x) => x.name)).toEqual([...SERVICES]);
    for (const x of s.services) {
      expect(Object.keys(x).sort()).toEqual(['agentPort', 'lastExit', 'lastFailure', 'live', 'log', 'name', 'pid', 'ready', 'restarts', 'state'].sort());
      if (x.name === 'grafana' && x.state === 'skipped') {
        expect(x.lastFailure).toContain('grafana-server');
        continue;
      }
      expect(x, x.name).toMatchObject({
        state: 'ready',
        ready: true,
        live: true,
        restarts: 0,
        lastExit: null,
        log: path.join(stateDir, 'logs', `${x.name}.log`),
      });
      // The host pid of `node agent.js`, whose daemons are its descendants.
      expect(readFileSync(`/proc/${x.pid}/cmdline`, 'utf8')).toContain(`services/${x.name}/dist/agent.js`);
    }
    expect(descendantsOf(service(s, 'mysql').pid ?? 0).map(commOf)).toContain('mysqld');
    // The public side answers on the one address.
    const res301 = await fetch(`http://${ADDRESS}/`, { redirect: 'manual' });
    expect(res301.status).toBe(301);
  });

  it("every agent and each of its daemons runs with its container's privileges from the rendered k8s/, and no secret in its environment", async () => {
    const privileges = readPrivilegesFile();
    const secrets = JSON.parse(await readFile(path.join(stateDir, 'secrets.json'), 'utf8')) as Secrets;
    for (const x of (await status()).services) {
      if (x.pid === null) continue;
      const granted = privileges.services[x.name].capabilities;
      const agent = procStatus(x.pid);
      for (const set of ['CapBnd', 'CapPrm', 'CapEff']) expect(capabilitiesOfMask(agent[set] ?? ''), `${x.name} agent ${set}`).toEqual(granted);
      expect(capabilitiesOfMask(agent.CapInh ?? ''), `${x.name} CapInh`).toEqual([]);
      expect(agent.NoNewPrivs, `${x.name} NoNewPrivs`).toBe('1');
      const daemons = descendantsOf(x.pid);
      expect(daemons.length, `${x.name} daemons`).toBeGreaterThan(0);
      for (const pid of daemons) {
        const d = procStatus(pid);
        if (d.CapBnd === undefined) continue; // ended meanwhile
        expect(capabilitiesOfMask(d.CapBnd), `${x.name} ${commOf(pid)} CapBnd`).toEqual(granted);
        expect(d.NoNewPrivs, `${x.name} ${commOf(pid)} NoNewPrivs`).toBe('1');
      }
      // Secrets reach the agent as NAME_FILE only, as from a mounted Secret.
      const environ = readFileSync(`/proc/${x.pid}/environ`, 'utf8');
      for (const [name, value] of Object.entries(secretParts(x.name, secrets).files)) {
        expect(environ, `${x.name} ${name}`).not.toContain(value);
        expect(environ).toContain(`${name}_FILE=${path.join(stateDir, 'secret-files', x.name, name)}\0`);
      }
    }
  });

  it('up again while up: says so, exit 0, no second supervisor', async () => {
    const before = (await status()).supervisorPid;
    const res = await up();
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('already up');
    expect((await status()).supervisorPid).toBe(before);
  });

  it('a killed daemon: the agent exits, the supervisor restarts it and counts 1', async () => {
    const db = await wordpressDb();
    try {
      await db.query('CREATE TABLE IF NOT EXISTS ft_stack_test (token VARCHAR(64) PRIMARY KEY)');
      await db.query('INSERT INTO ft_stack_test (token) VALUES (?)', [token]);
    } finally {
      await db.end();
    }
    const before = service(await status(), 'ftps');
    const vsftpd = descendantsOf(before.pid ?? 0).find((p) => commOf(p) === 'vsftpd');
    expect(vsftpd, 'vsftpd under the ftps agent').toBeDefined();
    const killedAt = Date.now();
    process.kill(vsftpd as number, 'SIGKILL');
    await waitUntil(
      async () => {
        const x = service(await status(), 'ftps');
        return x.restarts === 1 && x.ready;
      },
      60_000,
      'ftps restarted and ready',
    );
    console.info(`restart after kill to ready: ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
    const after = service(await status(), 'ftps');
    expect(after.pid).not.toBe(before.pid);
    expect(after.lastExit?.code).toBe(70);
    expect(after.lastFailure).toContain('vsftpd');
    // The others were left alone.
    expect((await status()).services.filter((x) => x.name !== 'ftps').every((x) => x.restarts === 0)).toBe(true);
  });

  it('down stops everything; up again keeps the data', async () => {
    const s = await status();
    const pids = s.services.flatMap((x) => (x.pid ? [x.pid, ...descendantsOf(x.pid)] : []));
    const res = await down();
    expect(res.code, res.stderr).toBe(0);
    const gone = (pid: number) => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    };
    expect(pids.filter((p) => !gone(p))).toEqual([]);
    expect((await status()).supervisorPid).toBeNull();
    expect((await down()).stdout).toContain('not running');

    const again = await up();
    expect(again.code, `${again.stdout}\n${again.stderr}`).toBe(0);
    const db = await wordpressDb();
    try {
      const [rows] = await db.query('SELECT token FROM ft_stack_test WHERE token = ?', [token]);
      expect(rows).toHaveLength(1);
    } finally {
      await db.end();
    }
    expect((await down()).code).toBe(0);
  });

  it('up that runs out of time names each service not ready, its failing check and its log', async () => {
    const res = await cli('local', 'up', '--state-dir', stateDir, '--address', ADDRESS, '--internal-address', INTERNAL, '--timeout', '1');
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/not ready after 1 s \((starting|not-ready), 0 restarts\): \S+/);
    expect(res.stdout).toContain(`log: ${path.join(stateDir, 'logs')}/`);
    expect(res.stdout).toContain('still running for inspection');
    expect((await down()).code).toBe(0);
  });
});
