/**
 * `./setup.sh local ...`: the local mode, handed to tools/stack's CLI unchanged. What it needs is
 * installed and built first when missing (the Debian packages, the npm packages, every agent).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Context } from './context.js';

export function localNeedsBuild(root: string): boolean {
  if (!existsSync(path.join(root, 'node_modules')) || !existsSync(path.join(root, 'tools', 'stack', 'dist', 'cli.js'))) return true;
  const services = path.join(root, 'services');
  return readdirSync(services).some((s) => existsSync(path.join(services, s, 'package.json')) && !existsSync(path.join(services, s, 'dist', 'agent.js')));
}

export async function localCommand(ctx: Context): Promise<number> {
  const { runner, paths } = ctx;
  if (runner.dryRun || localNeedsBuild(paths.root)) {
    if (runner.dryRun) ctx.say('(when an agent or the stack CLI is not built yet:)');
    await runner.run({ cmd: 'bash', args: [path.join(paths.root, 'tools', 'install-debian-packages.sh')], cwd: paths.root }, { stream: true });
    await runner.run({ cmd: 'bash', args: [path.join(paths.root, 'tools', 'install-npm-packages.sh')], cwd: paths.root }, { stream: true });
    await runner.run(
      { cmd: 'npx', args: ['--no-install', 'nx', 'run-many', '-t', 'build', '--outputStyle=stream'], env: { NX_DAEMON: 'false' }, cwd: paths.root },
      { stream: true },
    );
  }
  const out = await runner.run(
    { cmd: process.execPath, args: [paths.stackCli, 'local', ...ctx.options.localArgs], cwd: paths.root },
    { allowFailure: true, interactive: true, quiet: true },
  );
  return out.code;
}
