/** Where influxd's files are (rendered configuration, data under the volume) and who owns them. */
import path from 'node:path';
import type { InfluxdbContext } from './env.js';

/** The rendered files, under the agent's run directory. */
export function confPaths(ctx: InfluxdbContext): { dir: string; daemon: string; bootstrap: string } {
  const dir = path.join(ctx.agent.AGENT_RUN_DIR, 'influxdb');
  return { dir, daemon: path.join(dir, 'influxdb.conf'), bootstrap: path.join(dir, 'bootstrap.conf') };
}

/** meta/, data/ and wal/ below the volume. */
export function dataPaths(ctx: InfluxdbContext): { root: string; meta: string; data: string; wal: string } {
  const root = path.resolve(ctx.config.INFLUXDB_DATA_DIR);
  return { root, meta: path.join(root, 'meta'), data: path.join(root, 'data'), wal: path.join(root, 'wal') };
}

/**
 * influxd runs as its own user when the agent can switch to it (root, as in the image); an agent
 * started by an ordinary user (a developer's shell) runs it as itself.
 */
export function daemonUser(ctx: InfluxdbContext): string | undefined {
  return process.getuid?.() === 0 ? ctx.platform.user : undefined;
}
