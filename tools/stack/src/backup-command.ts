/** `local backup [FILE] [--with-secrets]` and `local restore FILE [--force] [--with-secrets]`. */
import path from 'node:path';
import { BackupError, checkPassphrase, defaultBackupFile, fileExists, passphraseFrom } from '@ft/backup';
import { UsageError, type CliValues } from './cli-args.js';
import { localBackup, localRestore } from './local-backup.js';
import type { LocalLayout } from './local-layout.js';
import { loadOrCreateSecrets, secretsPath } from './secrets.js';
import { readStatusFile } from './status-file.js';
import { runningLauncher } from './launcher-pid.js';

type Print = (line: string) => void;

/** What the backup commands borrow from `local up|down|verify`, passed in to keep the modules acyclic. */
export interface StackControl {
  layout(values: CliValues): LocalLayout;
  up(values: CliValues): Promise<number>;
  down(): Promise<number>;
  verify(values: CliValues): Promise<number>;
}

export async function backupCommand(sub: 'backup' | 'restore', files: string[], values: CliValues, print: Print, stack: StackControl): Promise<number> {
  if (files.length > 1) throw new UsageError(`${sub} takes one file (got ${files.join(' ')})`);
  // A backup reads the stack that runs, at the addresses it was started with; a restore starts
  // one at the addresses given (or the defaults).
  const recorded = sub === 'backup' ? await readStatusFile(stack.layout(values).statusFile).catch(() => undefined) : undefined;
  const layout = stack.layout({
    ...values,
    address: values.address ?? recorded?.address ?? undefined,
    'internal-address': values['internal-address'] ?? recorded?.internalAddress ?? undefined,
  });
  const passphrase = values['with-secrets'] ? checkPassphrase(await passphraseFrom(values['passphrase-file'])) : undefined;
  if (sub === 'backup') {
    const file = path.resolve(files[0] ?? defaultBackupFile());
    if (await fileExists(file)) throw new BackupError('BACKUP_STEP_FAILED', `${file} exists: a backup never overwrites a file; name another`);
    if ((await runningLauncher(layout.launcherPid, layout.stateDir)) === null) {
      throw new BackupError(
        'BACKUP_STEP_FAILED',
        `the local stack of ${layout.stateDir} is not running: \`./setup.sh local up\` first (a backup reads the live databases)`,
      );
    }
    if (!(await fileExists(secretsPath(layout.stateDir))))
      throw new BackupError('BACKUP_STEP_FAILED', `${layout.stateDir} has no secrets.json: nothing was ever deployed there`);
    const { secrets } = await loadOrCreateSecrets(layout.stateDir);
    print(`backing up the local stack of ${layout.stateDir} into ${file}${passphrase ? ' (secrets included, encrypted)' : ' (secrets not included)'}`);
    await localBackup({ layout, secrets, file, passphrase, print });
    return 0;
  }
  const file = files[0];
  if (!file) throw new UsageError('restore needs the archive: local restore FILE [--force] [--with-secrets]');
  const ok = await localRestore({
    layout,
    file: path.resolve(file),
    force: values.force === true,
    passphrase,
    print,
    loadSecrets: async () => (await loadOrCreateSecrets(layout.stateDir)).secrets,
    steps: {
      isUp: async () => (await runningLauncher(layout.launcherPid, layout.stateDir)) !== null,
      up: async (services) => (await stack.up({ ...values, services: services === 'all' ? undefined : services.join(',') })) === 0,
      down: async () => {
        await stack.down();
      },
      verify: async () => (await stack.verify(values)) === 0,
    },
  });
  return ok ? 0 : 1;
}
