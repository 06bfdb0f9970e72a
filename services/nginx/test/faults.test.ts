/**
 * What makes the container restart, and what does not: a killed daemon ends the agent with 70
 * and leaves nothing behind; bad environment ends it with 78 naming the variable; a phpmyadmin
 * upstream that does not resolve yet is only a 502 on /phpmyadmin/.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive, processesMatching, waitUntil } from '@ft/testkit';
import { expectConfigExit } from '@ft/testkit/expect';
import { request, startNginxAgent, type NginxAgent } from './support.js';

/** PIDs whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const BASE = { EXTERNAL_HOST: '127.0.0.1', SSH_USER: 'fttestnginxfault', SSH_PASSWORD: 'fault-test-password' };

describe('daemon crashes', () => {
  const running: NginxAgent[] = [];
  afterEach(async () => {
    for (const a of running.splice(0)) await a.stop();
  });

  for (const name of ['nginx', 'sshd'] as const) {
    it(`exits 70 when the ${name} master is killed with SIGKILL, leaving no ${name} process behind`, async () => {
      const a = await startNginxAgent(BASE);
      running.push(a);
      await a.agent.waitReady(90_000);
      const pid = await a.agent.pidOf(name);
      // Masters name their config in this run dir; nginx's workers are found as the master's children.
      const marker = a.agent.runDir;
      expect(processesMatching(marker).length).toBe(2);
      const workers = childrenOf(await a.agent.pidOf('nginx'));
      expect(workers.length).toBeGreaterThan(0);

      process.kill(pid, 'SIGKILL');
      const exit = await a.agent.exit;
      expect(exit.code).toBe(70);
      expect(a.agent.lines.some((l) => l.code === 'FT_ERR_PROCESS_EXIT' && new RegExp(`process ${name} killed by SIGKILL`).test(l.msg))).toBe(true);
      await waitUntil(() => processesMatching(marker).length === 0 && workers.every((w) => !isAlive(w)), 10_000, 'daemons of the dead agent gone');
    });
  }

  it('starts and serves while the phpmyadmin upstream does not resolve, answering 502 or 504 there only', async () => {
    const a = await startNginxAgent({ ...BASE, PHPMYADMIN_UPSTREAM: 'https://ft-no-such-service.invalid:5000' });
    running.push(a);
    await a.agent.waitReady(90_000);
    const https = `https://127.0.0.1:${a.ports.https}`;
    expect((await request(`${https}/`)).status).toBe(200);
    expect([502, 504]).toContain((await request(`${https}/phpmyadmin/`)).status);
    // Still up afterwards.
    expect((await a.agent.get('/healthz')).status).toBe(200);
    expect(a.agent.child.exitCode).toBeNull();
  });
});

describe('bad environment exits 78 naming the variable', () => {
  const cases: [string, Record<string, string | undefined>, RegExp][] = [
    ['SSH_USER missing', { SSH_USER: undefined }, /SSH_USER: is not set/],
    ['SSH_USER root', { SSH_USER: 'root' }, /SSH_USER: is malformed.*root is a system account/],
    ['SSH_USER nobody', { SSH_USER: 'nobody' }, /SSH_USER: is malformed.*nobody is a system account/],
    ['a port out of range', { HTTPS_PORT: '70000' }, /HTTPS_PORT: is malformed.*TCP port/],
    ['a port that is not a number', { SSH_PORT: 'ssh' }, /SSH_PORT: is malformed.*TCP port/],
    ['EXTERNAL_HOST missing', { EXTERNAL_HOST: undefined }, /EXTERNAL_HOST: is not set/],
    ['neither password nor key', { SSH_PASSWORD: undefined, SSH_AUTHORIZED_KEYS: undefined }, /SSH_PASSWORD: is not set and neither is SSH_AUTHORIZED_KEYS/],
    [
      'a private key given as authorized key',
      { SSH_AUTHORIZED_KEYS: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n' },
      /SSH_AUTHORIZED_KEYS: is malformed.*line 1 is part of a private key/,
    ],
    ['an upstream with a path', { PHPMYADMIN_UPSTREAM: 'https://phpmyadmin:5000/pma/' }, /PHPMYADMIN_UPSTREAM: is malformed.*origin only/],
    ['a short password', { SSH_PASSWORD: 'short' }, /SSH_PASSWORD: is malformed.*at least 8/],
  ];
  const running: NginxAgent[] = [];
  afterEach(async () => {
    for (const a of running.splice(0)) await a.stop();
  });

  for (const [what, overrides, message] of cases) {
    it(what, async () => {
      const a = await startNginxAgent({ ...BASE, ...overrides });
      running.push(a);
      // The password in effect is never echoed, the short one included.
      await expectConfigExit(a.agent, { says: message, secret: overrides.SSH_PASSWORD ?? BASE.SSH_PASSWORD });
    });
  }
});
