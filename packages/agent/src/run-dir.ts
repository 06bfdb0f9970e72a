/** The run dir (AGENT_RUN_DIR) as daemons that run as their own users need it. */
import { chmod, mkdir, stat } from 'node:fs/promises';

/**
 * Makes `dir` and lets every user traverse it: a daemon running as its own user reaches the
 * files it is given by name (its config, socket, temp dirs) even when the dir is a private (0700)
 * temp dir. Search permission only: nothing in it can be listed or written.
 */
export async function allowTraversal(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const mode = (await stat(dir)).mode & 0o7777;
  if ((mode & 0o011) !== 0o011) await chmod(dir, mode | 0o011);
}
