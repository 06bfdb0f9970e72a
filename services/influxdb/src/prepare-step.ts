/**
 * First init step: refuse user names that would merge two roles, then make the volume and the run
 * directory usable by influxd's own user.
 */
import { lchown, lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { allowTraversal, claimDataDir, ConfigError, lookupUser, type InitStep } from '@ft/agent';
import type { InfluxdbConfig, InfluxdbContext } from './env.js';
import { confPaths, daemonUser, dataPaths } from './paths.js';

/**
 * One user per role: were the write and read users the same, the later GRANT would replace the
 * earlier one and the agents (or Grafana) would lose their access; an admin name reused for either
 * would give that role every privilege. Exit 78, like any other bad variable.
 */
function checkDistinctUsers(config: InfluxdbConfig): void {
  const roles: [string, string][] = [
    ['INFLUXDB_ADMIN_USER', config.INFLUXDB_ADMIN_USER],
    ['INFLUXDB_WRITE_USER', config.INFLUXDB_WRITE_USER],
    ['INFLUXDB_READ_USER', config.INFLUXDB_READ_USER],
  ];
  for (let i = 1; i < roles.length; i++) {
    for (let j = 0; j < i; j++) {
      const [name, value] = roles[i] as [string, string];
      const [other, otherValue] = roles[j] as [string, string];
      if (value === otherValue) throw new ConfigError(name, `must differ from ${other} (both are ${JSON.stringify(value)}): each role needs its own user`);
    }
  }
}

export function prepareStep(ctx: InfluxdbContext): InitStep {
  return {
    name: 'prepare directories',
    async run() {
      checkDistinctUsers(ctx.config);
      const dirs = dataPaths(ctx);
      const userName = daemonUser(ctx);
      const user = userName === undefined ? undefined : lookupUser(userName);
      // Before anything is made in it: a directory with files that is not influxdb's is refused.
      await claimDataDir({ variable: 'INFLUXDB_DATA_DIR', dir: dirs.root, service: 'influxdb', uid: user?.uid ?? process.getuid?.() ?? 0, mode: 0o750 });
      for (const dir of [dirs.root, dirs.meta, dirs.data, dirs.wal]) await mkdir(dir, { recursive: true, mode: 0o750 });
      if (userName === undefined || user === undefined) return;
      const changed = await chownTree(dirs.root, user.uid, user.gid);
      if (changed > 0) ctx.log.info({ user: userName, entries: changed, dir: dirs.root }, `gave ${changed} entries of ${dirs.root} to ${userName}`);
      await allowTraversal(ctx.agent.AGENT_RUN_DIR);
      await allowTraversal(confPaths(ctx).dir);
    },
  };
}

/**
 * Gives every entry under `root` (and root) to uid:gid, touching only those owned by someone else:
 * a volume restored or first mounted as root becomes influxd's without rewriting a healthy tree.
 */
async function chownTree(root: string, uid: number, gid: number): Promise<number> {
  let changed = 0;
  const fix = async (p: string): Promise<void> => {
    const st = await lstat(p);
    if (st.uid === uid && st.gid === gid) return;
    await lchown(p, uid, gid);
    changed++;
  };
  await fix(root);
  for (const entry of await readdir(root, { recursive: true })) await fix(path.join(root, entry));
  return changed;
}
