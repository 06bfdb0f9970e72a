/**
 * The command line of ./setup.sh (the bootstrap hands every argument here): the command, its flags,
 * and the FT_* environment variables that set the same options (a flag wins over its variable).
 */
import { parseArgs } from 'node:util';
import { usageError } from './errors.js';

export const COMMANDS = ['up', 'status', 'delete', 'verify', 'backup', 'restore', 'local'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface Options {
  command: CommandName;
  dryRun: boolean;
  profile: string;
  /** As asked (flag or FT_MINIKUBE_DRIVER); undefined: the platform's default (prerequisites.ts). */
  driver: string | undefined;
  cpus: number;
  memoryMb: number;
  disk: string;
  /** --lb-octet / FT_LB_OCTET when given: the remembered address is then replaced. */
  lbOctet: number | undefined;
  /** --address / FT_LB_ADDRESS when given. */
  address: string | undefined;
  timeoutS: number;
  rebuild: boolean;
  purge: boolean;
  json: boolean;
  token: boolean;
  /** status --versions: the apk versions each running image keeps. */
  versions: boolean;
  help: boolean;
  /** backup/restore: the archive (backup: optional, a name with the time by default). */
  file: string | undefined;
  /** restore: replace a platform that has content. */
  force: boolean;
  /** backup/restore: the secrets too, sealed with a passphrase (FT_BACKUP_PASSPHRASE or --passphrase-file). */
  withSecrets: boolean;
  passphraseFile: string | undefined;
  /** `local ...`: the arguments for tools/stack's CLI, unchanged (--dry-run taken out). */
  localArgs: string[];
}

/** The last octet used when neither an address nor an octet was ever given. */
export const DEFAULT_LB_OCTET = 240;

const FLAGS = {
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  rebuild: { type: 'boolean' },
  purge: { type: 'boolean' },
  json: { type: 'boolean' },
  token: { type: 'boolean' },
  versions: { type: 'boolean' },
  force: { type: 'boolean' },
  'with-secrets': { type: 'boolean' },
  'passphrase-file': { type: 'string' },
  profile: { type: 'string' },
  driver: { type: 'string' },
  cpus: { type: 'string' },
  memory: { type: 'string' },
  disk: { type: 'string' },
  'lb-octet': { type: 'string' },
  address: { type: 'string' },
  timeout: { type: 'string' },
} as const;

function wholeNumber(name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw usageError(`${name} must be a whole number from ${min} to ${max}, not '${text}'`);
  return Number(text);
}

function nonEmpty(name: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (text.trim() === '') throw usageError(`${name} needs a value`);
  return text;
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Options {
  const base = {
    dryRun: false,
    profile: env.FT_MINIKUBE_PROFILE || 'ft-services',
    driver: env.FT_MINIKUBE_DRIVER || undefined,
    cpus: 2,
    memoryMb: 4096,
    disk: env.FT_MINIKUBE_DISK || '20g',
    lbOctet: undefined as number | undefined,
    address: env.FT_LB_ADDRESS || undefined,
    timeoutS: 900,
    rebuild: false,
    purge: false,
    json: false,
    token: false,
    versions: false,
    help: false,
    file: undefined as string | undefined,
    force: false,
    withSecrets: false,
    passphraseFile: undefined as string | undefined,
    localArgs: [] as string[],
  };
  if (env.FT_MINIKUBE_CPUS) base.cpus = wholeNumber('FT_MINIKUBE_CPUS', env.FT_MINIKUBE_CPUS, 1, 256);
  if (env.FT_MINIKUBE_MEMORY) base.memoryMb = wholeNumber('FT_MINIKUBE_MEMORY', env.FT_MINIKUBE_MEMORY, 1024, 1_048_576);
  if (env.FT_LB_OCTET) base.lbOctet = wholeNumber('FT_LB_OCTET', env.FT_LB_OCTET, 1, 254);
  if (env.FT_TIMEOUT) base.timeoutS = wholeNumber('FT_TIMEOUT', env.FT_TIMEOUT, 1, 86_400);

  // `local` must come first; everything after it belongs to tools/stack (as before).
  if (argv[0] === 'local') {
    const rest = argv.slice(1);
    return { ...base, command: 'local', dryRun: rest.includes('--dry-run'), localArgs: rest.filter((a) => a !== '--dry-run') };
  }

  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: true, strict: true });
  } catch (err) {
    throw usageError(err instanceof Error ? err.message.replace(/\. To specify a positional.*$/s, '') : String(err));
  }
  const { values, positionals } = parsed;
  let command: CommandName = 'up';
  let file: string | undefined;
  for (const word of positionals) {
    if (word === 'help') return { ...base, command, help: true };
    // backup and restore take one file after them.
    if ((command === 'backup' || command === 'restore') && file === undefined && !(COMMANDS as readonly string[]).includes(word)) {
      file = word;
      continue;
    }
    if (word === 'local') throw usageError("'local' must come first: ./setup.sh local [up|down|status] [options]");
    if (!(COMMANDS as readonly string[]).includes(word)) throw usageError(`unknown argument '${word}'`);
    command = word as CommandName;
  }
  const options: Options = {
    ...base,
    command,
    dryRun: values['dry-run'] ?? false,
    help: values.help ?? false,
    rebuild: values.rebuild ?? false,
    purge: values.purge ?? false,
    json: values.json ?? false,
    token: values.token ?? false,
    versions: values.versions ?? false,
    file,
    force: values.force ?? false,
    withSecrets: values['with-secrets'] ?? false,
    passphraseFile: nonEmpty('--passphrase-file', values['passphrase-file']),
    profile: nonEmpty('--profile', values.profile) ?? base.profile,
    driver: nonEmpty('--driver', values.driver) ?? base.driver,
    disk: nonEmpty('--disk', values.disk) ?? base.disk,
    address: nonEmpty('--address', values.address) ?? base.address,
  };
  if (values.cpus !== undefined) options.cpus = wholeNumber('--cpus', values.cpus, 1, 256);
  if (values.memory !== undefined) options.memoryMb = wholeNumber('--memory', values.memory, 1024, 1_048_576);
  // A flag replaces the other way of choosing the address given in the environment.
  if (values.address !== undefined && values['lb-octet'] !== undefined) throw usageError('--address and --lb-octet both choose the address: give one');
  if (values.address !== undefined) options.lbOctet = undefined;
  if (values['lb-octet'] !== undefined) {
    options.lbOctet = wholeNumber('--lb-octet', values['lb-octet'], 1, 254);
    options.address = undefined;
  }
  if (options.address !== undefined) options.lbOctet = undefined;
  if (values.timeout !== undefined) options.timeoutS = wholeNumber('--timeout', values.timeout, 1, 86_400);
  if (options.help) return options;
  if (options.purge && command !== 'delete') throw usageError('--purge goes with delete: ./setup.sh delete --purge');
  if (options.force && command !== 'restore') throw usageError('--force goes with restore: ./setup.sh restore FILE --force');
  if ((options.withSecrets || options.passphraseFile !== undefined) && command !== 'backup' && command !== 'restore')
    throw usageError('--with-secrets and --passphrase-file go with backup and restore');
  if (command === 'restore' && file === undefined) throw usageError('restore needs the archive: ./setup.sh restore FILE [--force]');
  for (const flag of ['json', 'token', 'versions'] as const) {
    if (options[flag] && command !== 'status') throw usageError(`--${flag} goes with status: ./setup.sh status --${flag}`);
  }
  return options;
}
