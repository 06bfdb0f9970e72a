/**
 * The evaluator's checks (SPEC.md, "What an evaluator checks") that can run without Kubernetes,
 * against the whole stack in local mode on 127.0.0.2: first @ft/verify's checks (the very library
 * `setup.sh verify` runs against a cluster), then what goes further, as an evaluator would do it:
 * the container's PID namespace over ssh, curl and lftp for FTPS, role limits in WordPress,
 * phpMyAdmin's SQL tab, and the dashboards' own queries against the stack's InfluxDB. Last,
 * `./setup.sh local verify` itself: it passes on the stack, and fails naming the check when a
 * daemon is stopped or a password is wrong.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeTempDir, removeDir, run, waitUntil } from '@ft/testkit';
import { CHECK_NAMES, formatReport, runChecks, tcpProbe, type CheckName, type CheckResult } from '@ft/verify';
import {
  PHPMYADMIN,
  WORDPRESS,
  curl,
  influxQuery,
  phpmyadminLogin,
  phpmyadminSql,
  request,
  sha256,
  sshExec,
  sshLoginOutcome,
  wordpressDb,
  wordpressLogin,
} from './support/clients.js';
import { emptyColumns, filledQueries, measurementsOf, provisionedDashboards } from './support/dashboards.js';
import { readSecrets, userWithRole, type StackSecrets } from './support/secrets.js';
import { SERVICES } from '@ft/platform';
import { findDaemon, serviceOf, activeServices, type StackStatus } from '@ft/stack';
import { ADDRESS, INTERNAL_ADDRESS, REPO, agentReadyz, readStatus, runProgram, stackCli, statusTable } from './support/stack.js';

const { stateDir, upSeconds, fresh } = inject('stack');
let secrets: StackSecrets;
let status: StackStatus;
let work: string;

beforeAll(async () => {
  secrets = await readSecrets(stateDir);
  status = await readStatus(stateDir);
  work = await makeTempDir('e2e-files');
});

afterAll(async () => {
  await removeDir(work);
});

async function lastLines(file: string, n = 30): Promise<string> {
  return readFile(file, 'utf8').then(
    (text) => text.trimEnd().split('\n').slice(-n).join('\n'),
    () => `(no ${file})`,
  );
}

describe('1. the stack after up', () => {
  it('every service is ready with no restart; grafana is skipped only where grafana-server is missing', async () => {
    console.log(`cold start (local up until every service ready): ${upSeconds.toFixed(1)} s\n${statusTable(status)}`);
    const hasGrafana = await run('sh', ['-c', 'command -v grafana-server']).then(
      () => true,
      () => false,
    );
    const names = status.services.map((s) => s.name).sort();
    expect(names).toEqual([...SERVICES].sort());
    for (const s of status.services) {
      if (s.name === 'grafana' && !hasGrafana) {
        expect(s.state).toBe('skipped');
        continue;
      }
      // A kept stack (FT_E2E_STATE_DIR) may have been through the fault suite already.
      expect({ name: s.name, state: s.state, restarts: fresh ? s.restarts : 0 }).toEqual({ name: s.name, state: 'ready', restarts: 0 });
      expect(s.pid, s.name).toBeGreaterThan(1);
    }
  });

  it('serves MySQL and InfluxDB on the internal address (verify checks they are not on the public one)', async () => {
    const open = async (port: number) => (await tcpProbe(INTERNAL_ADDRESS, port, 3_000)).open;
    expect({ mysql: await open(3306), influxdb: await open(8086) }).toEqual({ mysql: true, influxdb: true });
  });
});

describe("the evaluator's checks (@ft/verify, as setup.sh verify runs them on a cluster)", () => {
  const results = new Map<CheckName, CheckResult>();

  beforeAll(async () => {
    const skip = serviceOf(status, 'grafana').state === 'skipped' ? { 'grafana-login': 'grafana-server is not installed here' } : {};
    const list = await runChecks({ address: ADDRESS }, { secrets, skip });
    console.log(formatReport(list));
    for (const r of list) results.set(r.name, r);
  }, 300_000);

  it.for([...CHECK_NAMES])('%s', (name, ctx) => {
    const result = results.get(name);
    expect(result, `no result for ${name}`).toBeDefined();
    if (result?.status === 'skip') {
      ctx.skip();
      return;
    }
    expect(result?.status, `${result?.code}: ${result?.message}`).toBe('pass');
  });
});

describe('2. phpMyAdmin through nginx, beyond its login', () => {
  it('browses a table through the proxy after the login, every page under /phpmyadmin/', async () => {
    const session = await phpmyadminLogin(`https://${ADDRESS}/phpmyadmin/`, secrets.wordpress.dbUser, secrets.wordpress.dbPassword);
    expect(new URL(session.answer.location ?? '', session.answer.url).href).toMatch(new RegExp(`^https://${ADDRESS.replace(/\./g, '\\.')}/phpmyadmin/`));
    expect(session.home.url.pathname).toBe('/phpmyadmin/index.php');
    expect(session.home.body).toContain(`${secrets.wordpress.dbUser}@`);
    const table = await session.browser.open(`index.php?route=/sql&db=${secrets.wordpress.dbName}&table=wp_users&pos=0`);
    expect(table.url.pathname).toBe('/phpmyadmin/index.php');
    const admin = userWithRole(secrets, 'administrator');
    expect(table.body).toContain(admin.login);
  });
});

describe('3. ssh into the nginx container', () => {
  it('logs the named user in with the password and runs commands inside the container', async () => {
    const { user, password } = secrets.ssh;
    const result = await sshExec(
      { host: ADDRESS, port: 22, username: user, password },
      'id -un; tr "\\0" " " < /proc/1/cmdline; echo; ls /proc | grep -c "^[0-9]"',
    );
    expect(result.code).toBe(0);
    const [who, pid1, count] = result.stdout.trim().split('\n');
    expect(who).toBe(user);
    // PID 1 of the session's PID namespace is the container's tini, not the host's init.
    expect(pid1).toMatch(/tini/);
    const hostCount = readdirSync('/proc').filter((e) => /^\d+$/.test(e)).length;
    console.log(`processes seen: ${count} in the nginx container, ${hostCount} on the host; PID 1 there: ${pid1?.trim()}`);
    expect(Number(count)).toBeLessThan(40);
    expect(Number(count)).toBeLessThan(hostCount);
  });

  it("refuses a wrong password (root is refused in verify's ssh-root-refused)", async () => {
    expect(await sshLoginOutcome({ host: ADDRESS, port: 22, username: secrets.ssh.user, password: `${secrets.ssh.password}-wrong` })).toBe('refused');
  });
});

describe('4. FTPS with ordinary clients', () => {
  let original = '';
  let originalHash = '';

  beforeAll(async () => {
    original = path.join(work, 'original.bin');
    await writeFile(original, randomBytes(3 * 1024 * 1024 + 17));
    originalHash = await sha256(original);
  });

  it('curl --ssl-reqd uploads (EPSV) and downloads (PASV, to the advertised address) the same bytes', async () => {
    const url = `ftp://${ADDRESS}:21/e2e-curl-${Date.now()}.bin`;
    const up = await curl(secrets.ftp, secrets.ftp.password, ['--ssl-reqd', '-k', '-T', original, url]);
    expect(up, up.stderr).toEqual({ code: 0, stderr: '' });
    const back = path.join(work, 'curl.back');
    const down = await curl(secrets.ftp, secrets.ftp.password, ['--ssl-reqd', '-k', '--disable-epsv', '-o', back, url]);
    expect(down, down.stderr).toEqual({ code: 0, stderr: '' });
    expect(await sha256(back)).toBe(originalHash);
  });

  it('lftp with TLS forced puts and gets the same bytes', async () => {
    const name = `e2e-lftp-${Date.now()}.bin`;
    const back = path.join(work, 'lftp.back');
    // The commands (and the password) in a script file, not on a command line others can read.
    const script = path.join(work, 'lftp.script');
    await writeFile(
      script,
      [
        `debug -o ${path.join(work, 'lftp.log')} -t 5`,
        'set ftp:ssl-force true',
        'set ftp:ssl-protect-data true',
        'set ssl:verify-certificate no',
        // A failed transfer ends the script with an error, at once, instead of going on.
        'set cmd:fail-exit yes',
        'set net:max-retries 1',
        'set net:reconnect-interval-base 1',
        'set net:timeout 20',
        `open -u ${secrets.ftp.user},${secrets.ftp.password} ftp://${ADDRESS}:21`,
        `put ${original} -o ${name}`,
        `get ${name} -o ${back}`,
        'cls -l',
        'bye',
      ].join('\n'),
    );
    await chmod(script, 0o600);
    const log = path.join(work, 'lftp.log');
    const started = Date.now();
    const { stdout } = await run('lftp', ['-f', script], { timeoutMs: 120_000 }).catch(async (err: Error) => {
      throw new Error(`${err.message}\n${await lastLines(log)}`, { cause: err });
    });
    const seconds = (Date.now() - started) / 1_000;
    expect(stdout).toContain(name);
    const got = await sha256(back);
    if (got !== originalHash) {
      // Which half went wrong: the file on the server (the FTP data dir of the state dir) or the download.
      const onServer = path.join(stateDir, 'ftp', name);
      const sizes = await Promise.all(
        [original, onServer, back].map((f) =>
          stat(f).then(
            (s) => s.size,
            () => -1,
          ),
        ),
      );
      const serverHash = await sha256(onServer).catch(() => 'missing');
      throw new Error(
        `lftp (${seconds.toFixed(1)} s): sizes original/server/back ${sizes.join('/')}; server copy ${serverHash === originalHash ? 'intact' : 'differs'}\n${stdout}\n${await lastLines(log, 60)}`,
      );
    }
  });

  it('refuses a plain-FTP login with the right password', async () => {
    const plain = await curl(secrets.ftp, secrets.ftp.password, [`ftp://${ADDRESS}:21/`]);
    // 67: the server refused the login (530, TLS required).
    expect(plain.code, plain.stderr).toBe(67);
    expect(plain.stderr).toContain('530');
    const script = path.join(work, 'lftp-plain.script');
    await writeFile(
      script,
      [
        'set ftp:ssl-allow false',
        'set net:max-retries 1',
        'set net:timeout 10',
        `open -u ${secrets.ftp.user},${secrets.ftp.password} ftp://${ADDRESS}:21`,
        'cls',
        'bye',
      ].join('\n'),
    );
    await chmod(script, 0o600);
    const refused = await run('lftp', ['-f', script], { timeoutMs: 60_000 }).then(
      () => 'logged in',
      (err: Error) => err.message,
    );
    expect(refused).toMatch(/530|Login incorrect|must use encryption|Non-anonymous sessions must use encryption/i);
  });
});

describe("5. WordPress roles, beyond every user's login", () => {
  it('lets the administrator into the settings and not the subscriber; refuses a wrong password', async () => {
    const roles = secrets.wordpress.users.map((u) => u.role);
    expect(roles.filter((r) => r === 'administrator')).toHaveLength(1);
    expect(secrets.wordpress.users.length).toBeGreaterThanOrEqual(4);
    const admin = await wordpressLogin(userWithRole(secrets, 'administrator').login, userWithRole(secrets, 'administrator').password);
    expect(admin.ok).toBe(true);
    expect((await admin.browser.get(`${WORDPRESS}/wp-admin/options-general.php`)).status).toBe(200);
    const subscriber = await wordpressLogin(userWithRole(secrets, 'subscriber').login, userWithRole(secrets, 'subscriber').password);
    expect(subscriber.ok).toBe(true);
    expect((await subscriber.browser.get(`${WORDPRESS}/wp-admin/options-general.php`)).status).toBe(403);
    const wrong = await wordpressLogin(userWithRole(secrets, 'administrator').login, 'not-the-password');
    expect(wrong.ok).toBe(false);
  });
});

describe('6. a WordPress password changed in phpMyAdmin', () => {
  const user = (): StackSecrets['wordpress']['users'][number] => userWithRole(secrets, 'editor');
  let savedHash: string | undefined;

  afterAll(async () => {
    // Put the hash back, so that the listed password works again for the other suites and reruns.
    if (savedHash === undefined) return;
    const db = await wordpressDb(secrets);
    try {
      await db.query('UPDATE wp_users SET user_pass = ? WHERE user_login = ?', [savedHash, user().login]);
    } finally {
      await db.end();
    }
  });

  it('logs in to phpMyAdmin on 5000, runs an UPDATE in its SQL tab, and WordPress accepts the new password', async () => {
    const db = await wordpressDb(secrets);
    try {
      const [rows] = await db.query<RowDataPacket[]>('SELECT user_pass FROM wp_users WHERE user_login = ?', [user().login]);
      savedHash = rows[0]?.user_pass as string | undefined;
    } finally {
      await db.end();
    }
    expect(savedHash).toBeDefined();

    const login = await request(PHPMYADMIN);
    expect(login.body).toContain('pma_username');
    const session = await phpmyadminLogin(PHPMYADMIN, secrets.wordpress.dbUser, secrets.wordpress.dbPassword);
    const newPassword = `Pma-${randomBytes(6).toString('hex')}`;
    const sql = `UPDATE wp_users SET user_pass = MD5('${newPassword}') WHERE user_login = '${user().login}'`;
    const answer = await phpmyadminSql(session, secrets.wordpress.dbName, sql);
    expect(answer.success, answer.body.slice(0, 300)).toBe(true);

    expect((await wordpressLogin(user().login, newPassword)).ok).toBe(true);
    expect((await wordpressLogin(user().login, user().password)).ok).toBe(false);
  });
});

describe("7. every dashboard's queries return data for its service", () => {
  const dashboards = provisionedDashboards();
  const INTERVAL_MS = 10_000;
  const window = () => ({ fromMs: Date.now() - 15 * 60_000, toMs: Date.now(), intervalMs: INTERVAL_MS });
  const reader = () => secrets.influxdb.read;
  const query = (q: string) => influxQuery(reader(), secrets.influxdb.db, q).then((series) => ({ series }));
  const grafanaRuns = (): boolean => serviceOf(status, 'grafana').state !== 'skipped';

  it('has a dashboard for each of the seven services and an overview', () => {
    expect(dashboards.map((d) => d.uid).sort()).toEqual([
      'ft-ftps',
      'ft-grafana',
      'ft-influxdb',
      'ft-mysql',
      'ft-nginx',
      'ft-overview',
      'ft-phpmyadmin',
      'ft-wordpress',
    ]);
  });

  for (const d of dashboards.filter((x) => x.uid !== 'ft-overview')) {
    const name = d.uid.replace(/^ft-/, '');
    it(`${d.uid}: every panel query returns data for ${name}-local (pod All, then the pod itself)`, async (ctx) => {
      if (name === 'grafana' && !grafanaRuns()) {
        ctx.skip();
        return;
      }
      // Agents push every 10 s: wait until each measurement the dashboard reads has a few points.
      const wanted = measurementsOf(d);
      let lacking = wanted;
      await waitUntil(
        async () => {
          const counts = await Promise.all(
            wanted.map(async (m) => {
              const series = await influxQuery(reader(), secrets.influxdb.db, `SELECT count(*) FROM "${m}" WHERE "service" = '${name}' AND time > now() - 15m`);
              return Math.max(0, ...(series[0]?.values[0] ?? []).slice(1).map(Number).filter(Number.isFinite));
            }),
          );
          lacking = wanted.filter((_, i) => (counts[i] ?? 0) < 3);
          return lacking.length === 0;
        },
        120_000,
        `points of ${name} (lacking ${lacking.join(', ')})`,
        2_000,
      );
      const pods = await query(`SHOW TAG VALUES FROM "agent" WITH KEY = "pod" WHERE "service" = '${name}'`);
      expect(pods.series.flatMap((s) => s.values.map((v) => v[1]))).toContain(`${name}-local`);
      const empty: string[] = [];
      for (const pod of [['$__all'], [`${name}-local`]]) {
        for (const q of filledQueries(d, window(), pod)) {
          const columns = emptyColumns(await query(q.query));
          if (columns.length > 0) empty.push(`${q.name} [pod ${pod[0]}]: no data for ${columns.join(', ')} in ${q.query}`);
        }
      }
      expect(empty).toEqual([]);
    });
  }

  it('ft-overview: every panel returns data, and every running service appears in per-service panels', async () => {
    const overview = dashboards.find((d) => d.uid === 'ft-overview');
    expect(overview).toBeDefined();
    const services = activeServices(status).map((s) => s.name);
    const empty: string[] = [];
    for (const q of filledQueries(overview!, window(), [])) {
      const result = await query(q.query);
      if (q.name.includes(' Failing checks ')) {
        // Failing checks only: empty while all is well; whatever it lists is a check whose last result is 0.
        const up = result.series.flatMap((s) => s.values.map((v) => v[s.columns.indexOf('up')]));
        if (up.some((v) => v !== 0)) empty.push(`${q.name}: lists a passing check (${JSON.stringify(up)})`);
        continue;
      }
      const columns = emptyColumns(result);
      if (columns.length > 0) empty.push(`${q.name}: no data for ${columns.join(', ')}`);
      if (/GROUP BY .*"service"/.test(q.query)) {
        const seen = new Set(result.series.map((s) => s.tags?.service));
        for (const s of services) if (!seen.has(s)) empty.push(`${q.name}: no series for ${s}`);
      }
    }
    expect(empty).toEqual([]);
  });

  it('the read user may not write: the datasource is read-only', async () => {
    await expect(influxQuery(reader(), secrets.influxdb.db, 'CREATE DATABASE e2e_not_allowed', 'POST')).rejects.toThrow(/authorized|privilege/i);
  });
});

describe('./setup.sh local verify', () => {
  /** `./setup.sh local ARGS` as a user types it; never throws for a non-zero exit. */
  const setupLocal = (args: readonly string[], timeoutMs = 300_000) => runProgram('bash', [path.join(REPO, 'setup.sh'), 'local', ...args], timeoutMs);

  it('passes every check on the stack (exit 0)', async () => {
    const result = await setupLocal(['verify', '--state-dir', stateDir]);
    console.log(result.stdout);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/\b1[45] of 15 checks passed \(0 failed/);
    // setup.sh installs npm packages or builds the deploy tool first when they are out of date.
  }, 600_000);

  it('fails naming the FTP checks while vsftpd is stopped, and passes again once it runs', async () => {
    const ftps = serviceOf(await readStatus(stateDir), 'ftps');
    const nsPid = (await agentReadyz(ftps.agentPort)).processes.find((p) => p.name === 'vsftpd')?.pid ?? undefined;
    const vsftpd = findDaemon(ftps.pid as number, { comm: /^vsftpd$/, nsPid });
    const checks = ['--checks', 'https-page,ftps-transfer,ftp-plain-refused'];
    // Frozen, not killed: its port still accepts connections, nothing answers on them (the agent's
    // own FTPS check runs every 20 s and needs 3 failures: no restart).
    process.kill(vsftpd.pid, 'SIGSTOP');
    let stopped;
    try {
      stopped = await stackCli(['verify', '--state-dir', stateDir, ...checks, '--timeout', '6'], 120_000);
    } finally {
      process.kill(vsftpd.pid, 'SIGCONT');
    }
    console.log(stopped.stdout);
    expect(stopped.code, stopped.stderr).toBe(1);
    expect(stopped.stderr).toContain('local verify: 2 checks failed: ftps-transfer, ftp-plain-refused');
    expect(stopped.stdout).toMatch(/FAIL ftps-transfer .*\n.*FT_VERIFY_UNREACHABLE: ftps .*connect/);
    expect(stopped.stdout).toMatch(/ok {3}https-page/);
    const again = await stackCli(['verify', '--state-dir', stateDir, ...checks], 120_000);
    expect(again.code, again.stdout).toBe(0);
  });

  it('fails naming wordpress-logins and phpmyadmin-login when secrets.json holds wrong passwords, never printing them', async () => {
    const file = path.join(stateDir, 'secrets.json');
    const original = await readFile(file, 'utf8');
    const changed = JSON.parse(original) as StackSecrets;
    const editor = changed.wordpress.users.find((u) => u.role === 'editor');
    if (!editor) throw new Error('secrets.json lists no editor');
    editor.password = 'Not-the-password-42';
    changed.wordpress.dbPassword = 'Not-the-db-password-42';
    await writeFile(file, `${JSON.stringify(changed, null, 2)}\n`);
    let result;
    try {
      result = await stackCli(['verify', '--state-dir', stateDir, '--checks', 'wordpress-logins,phpmyadmin-login'], 120_000);
    } finally {
      await writeFile(file, original);
    }
    console.log(result.stdout);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('local verify: 2 checks failed: wordpress-logins, phpmyadmin-login');
    expect(result.stdout).toContain(`FT_VERIFY_LOGIN_REFUSED: WordPress refused 1 of ${changed.wordpress.users.length} users: ${editor.login} (editor)`);
    expect(result.stdout).toMatch(/FT_VERIFY_LOGIN_REFUSED: https:\/\/127\.0\.0\.2:5000\/: phpMyAdmin login as \S+ answered 200: Access denied for user/);
    expect(result.stdout).not.toMatch(/Not-the(-db)?-password-42/);
  });
});

describe('secrets', () => {
  it('secrets.json is readable by its owner only', async () => {
    expect((await stat(path.join(stateDir, 'secrets.json'))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path.join(stateDir, 'secrets.json'), 'utf8'))).toHaveProperty('wordpress');
  });
});
