/**
 * Any daemon that dies takes the container down: kill -9 of the php-fpm master or of the nginx
 * master makes the agent stop the other and exit 70, so Kubernetes restarts the pod.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAlive, startAgentProcess, startMariadb, type AgentProcess, type MariadbServer } from '@ft/testkit';
import { WP_DB, WP_PASSWORD, WP_USER, bundle, pmaEnv } from './support.js';

/**
 * Live processes of a process group: a daemon's workers share its group (the agent starts each in
 * its own). Zombies are dead already; whoever adopted them reaps them in its own time.
 */
function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') members.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return members;
}

describe('phpmyadmin agent when a daemon dies', () => {
  let db: MariadbServer;
  let agent: AgentProcess | undefined;

  beforeAll(async () => {
    db = await startMariadb({ database: WP_DB, user: WP_USER, password: WP_PASSWORD });
  }, 120_000);
  afterEach(async () => {
    await agent?.stop();
    agent = undefined;
  });
  afterAll(async () => {
    await db?.stop();
  });

  it.each([
    { killed: 'php-fpm', other: 'nginx' },
    { killed: 'nginx', other: 'php-fpm' },
  ])('kill -9 of the $killed master -> $other stopped, exit 70', async ({ killed, other }) => {
    agent = startAgentProcess(bundle, await pmaEnv({ MYSQL_PORT: String(db.port) }));
    await agent.waitReady(90_000);
    const victim = await agent.pidOf(killed);
    const survivor = await agent.pidOf(other);
    // Workers exist before the kill, so their absence afterwards means something.
    expect(groupMembers(victim).length).toBeGreaterThan(1);
    expect(groupMembers(survivor).length).toBeGreaterThan(1);
    const started = Date.now();
    process.kill(victim, 'SIGKILL');
    const exit = await agent.exit;
    expect(exit.code).toBe(70);
    expect(exit.at - started).toBeLessThan(15_000);
    expect(isAlive(survivor)).toBe(false);
    // No orphaned workers of either daemon. The agent's SIGKILL to a group is delivered
    // asynchronously: a loaded machine may still list a member for a few milliseconds after the
    // agent exits, so poll (briefly) for the signal to land instead of reading /proc once.
    await expect.poll(() => groupMembers(victim), { timeout: 2_000, interval: 50 }).toEqual([]);
    await expect.poll(() => groupMembers(survivor), { timeout: 2_000, interval: 50 }).toEqual([]);
    const fatal = agent.lines.find((l) => l.level === 'fatal');
    expect(fatal?.msg).toContain(`process ${killed} `);
  });
});
