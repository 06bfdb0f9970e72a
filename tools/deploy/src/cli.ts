/**
 * ft_services' deploy tool: what ./setup.sh runs after its bootstrap. `up` (default), `verify`,
 * `status [--json|--token]`, `delete [--purge]`, `local ...` (tools/stack), `--help`, `--dry-run`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BackupError, checkPassphrase, defaultBackupFile, fileExists, passphraseFrom, platformVersion } from '@ft/backup';
import { clusterBackup, clusterRestore, processStreams } from './cluster-backup.js';
import { isMain } from '@ft/agent/host';
import { type Context, onPath, repoPaths } from './context.js';
import { verifyClientChecks } from './client-checks.js';
import { deleteCommand } from './delete.js';
import { DeployError, ERROR_CODES, exitStatusOf } from './errors.js';
import { localCommand } from './local.js';
import { httpsDownload } from './metallb.js';
import { type Options, parseOptions } from './options.js';
import { missingTools } from './prerequisites.js';
import { ProcessRunner } from './runner.js';
import { requireRunning, statusCommand } from './status.js';
import { readSecretsSummary, summaryText } from './summary.js';
import { rendererFor, runSteps, type Streams, upSteps } from './up.js';
import { usage } from './usage.js';
import { type ClientChecks, verifyDeployment } from './verify.js';
import { rememberedAddress } from './address.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** Where the task list draws (process.stdout and process.stderr, or a test's). */
  streams: Streams;
}

/** The repository: tools/deploy/{src,dist}/cli.* → three levels up. */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export function makeContext(options: Options, io: Io, root = REPO_ROOT): Context {
  const say = (line: string) => io.out(`${line}\n`);
  return {
    options,
    runner: new ProcessRunner(options.dryRun, say),
    paths: repoPaths(root),
    say,
    platform: process.platform,
    uid: typeof process.getuid === 'function' ? process.getuid() : undefined,
    which: (cmd) => onPath(cmd, io.env.PATH),
    download: httpsDownload,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
}

/** Before status, delete and verify: the tools they call (a dry run only reports a lack). */
function requireTools(ctx: Context): void {
  const missing = missingTools(ctx);
  if (missing.length === 0) return;
  const list = missing.map((m) => `  - ${m}`).join('\n');
  if (ctx.options.dryRun) ctx.say(`dry run: a real run would stop here, as this machine lacks:\n${list}`);
  else throw new DeployError(ERROR_CODES.MISSING_TOOL, `./setup.sh ${ctx.options.command} needs what this machine lacks:\n${list}`);
}

export async function run(argv: string[], io: Io, clientChecks: ClientChecks | undefined, root = REPO_ROOT): Promise<number> {
  const options = parseOptions(argv, io.env);
  if (options.help) {
    io.out(usage(options.profile));
    return 0;
  }
  const ctx = makeContext(options, io, root);
  if (options.command === 'local') return localCommand(ctx);
  if (options.dryRun) ctx.say('dry run: the commands below are printed, not run; <...> stands for values they would give.');
  const print = (text: string) => io.out(`${text}\n`);
  switch (options.command) {
    case 'status':
      requireTools(ctx);
      return statusCommand(ctx, print);
    case 'delete':
      requireTools(ctx);
      return deleteCommand(ctx, print);
    case 'verify': {
      requireTools(ctx);
      await requireRunning(ctx);
      const address = options.address ?? (await rememberedAddress(ctx));
      if (!address && !options.dryRun)
        throw new DeployError(
          ERROR_CODES.NO_CLUSTER,
          'no address in state/cluster/address: deploy first (./setup.sh), or name it: ./setup.sh verify --address IP',
        );
      await verifyDeployment(ctx, address ?? '<the address in state/cluster/address>', clientChecks);
      print('verify: every check passed.');
      return 0;
    }
    case 'backup':
    case 'restore':
      requireTools(ctx);
      return backupOrRestore(ctx, options, clientChecks, print);
    case 'up': {
      const started = Date.now();
      await runSteps(ctx, upSteps(clientChecks), rendererFor(ctx, io.isTTY), io.streams);
      const address = ctx.address ?? '?';
      if (options.dryRun) {
        print(`\nThe summary a real run ends with:\n\n${summaryText(address, options.profile, undefined)}\n\ndry run: nothing was run.`);
        return 0;
      }
      const secrets = await readSecretsSummary(ctx.paths.stateDir).catch(() => undefined);
      print(`\n${summaryText(address, options.profile, secrets)}\nTotal: ${Math.round((Date.now() - started) / 1000)}s`);
      return 0;
    }
  }
}

/** `backup [FILE]` and `restore FILE`: cluster-backup.ts, then (restore) the same verify as `up`'s last step. */
async function backupOrRestore(ctx: Context, options: Options, clientChecks: ClientChecks | undefined, print: (text: string) => void): Promise<number> {
  const address = options.address ?? (await rememberedAddress(ctx));
  if (!address && !options.dryRun) throw new DeployError(ERROR_CODES.NO_CLUSTER, 'no address in state/cluster/address: deploy first (./setup.sh)');
  try {
    const passphrase = options.withSecrets ? checkPassphrase(await passphraseFrom(options.passphraseFile)) : undefined;
    if (options.command === 'backup') {
      const file = path.resolve(options.file ?? defaultBackupFile());
      if (!options.dryRun && (await fileExists(file)))
        throw new DeployError(ERROR_CODES.REFUSED, `${file} exists: a backup never overwrites a file; name another`);
      await clusterBackup(ctx, processStreams(ctx), {
        file,
        address: address ?? '<address>',
        passphrase,
        platformVersion: await platformVersion(ctx.paths.root),
      });
      return 0;
    }
    const file = path.resolve(options.file ?? '');
    await clusterRestore(ctx, processStreams(ctx), { file, force: options.force, passphrase });
    if (passphrase !== undefined) return 0;
    await verifyDeployment(ctx, address ?? '<the address in state/cluster/address>', clientChecks);
    print(options.dryRun ? 'dry run: nothing was run.' : 'restore: verified, every check passed.');
    return 0;
  } catch (err) {
    // The archive's own errors (damaged, foreign, wrong passphrase, content without --force) are refusals.
    if (err instanceof BackupError) throw new DeployError(ERROR_CODES.REFUSED, err.message);
    throw err;
  }
}

export function report(err: unknown, io: Io): number {
  if (err instanceof DeployError) {
    io.err(`error: ${err.message}\n`);
    if (err.detail) io.err(`\n${err.detail}\n`);
  } else {
    io.err(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  return exitStatusOf(err);
}

if (isMain(import.meta.url)) {
  // A reader that stops early (| head) is not an error.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' ? process.exit(process.exitCode ?? 0) : undefined));
  const io: Io = {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: process.stdout.isTTY === true && (process.stdout.columns ?? 0) > 0,
    env: process.env,
    streams: { stdout: process.stdout, stderr: process.stderr },
  };
  run(process.argv.slice(2), io, verifyClientChecks).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.exitCode = report(err, io);
    },
  );
}
