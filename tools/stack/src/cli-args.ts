/** Command-line options of every subcommand, parsed with node:util (nothing to install). */
import { parseArgs } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

const OPTIONS = {
  'state-dir': { type: 'string' },
  'k8s-out': { type: 'string' },
  'external-host': { type: 'string' },
  address: { type: 'string' },
  'internal-address': { type: 'string' },
  timeout: { type: 'string' },
  services: { type: 'string' },
  privileges: { type: 'string' },
  checks: { type: 'string' },
  json: { type: 'boolean' },
  force: { type: 'boolean' },
  'with-secrets': { type: 'boolean' },
  'passphrase-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type CliValues = {
  'state-dir'?: string | undefined;
  'k8s-out'?: string | undefined;
  'external-host'?: string | undefined;
  address?: string | undefined;
  'internal-address'?: string | undefined;
  timeout?: string | undefined;
  services?: string | undefined;
  privileges?: string | undefined;
  checks?: string | undefined;
  json?: boolean | undefined;
  force?: boolean | undefined;
  'with-secrets'?: boolean | undefined;
  'passphrase-file'?: string | undefined;
  help?: boolean | undefined;
};

export function parseCli(argv: string[]): { positionals: string[]; values: CliValues } {
  try {
    const { positionals, values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    return { positionals, values };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function ipv4Option(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && !IPV4.test(value)) throw new UsageError(`--${name}: expected an IPv4 address such as 127.0.0.2 (got ${JSON.stringify(value)})`);
  return value;
}

export function positiveNumberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name}: expected a positive number of seconds (got ${JSON.stringify(value)})`);
  return n;
}

export const USAGE = `usage:
  cli.js secrets --state-dir DIR --k8s-out OUTDIR [--external-host IP]
  cli.js local up     [--state-dir DIR] [--address IP] [--internal-address IP] [--timeout SECONDS] [--services a,b] [--privileges FILE]
  cli.js local status [--state-dir DIR] [--json]
  cli.js local down   [--state-dir DIR]
  cli.js local verify [--state-dir DIR] [--address IP] [--timeout SECONDS-PER-CHECK] [--checks a,b] [--json]
  cli.js local backup [FILE] [--state-dir DIR] [--with-secrets [--passphrase-file F]]
  cli.js local restore FILE  [--state-dir DIR] [--address IP] [--internal-address IP] [--force] [--with-secrets [--passphrase-file F]]
`;
