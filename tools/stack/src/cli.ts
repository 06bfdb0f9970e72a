/**
 * ft_services' stack tool: `secrets` (the files the Kubernetes setup turns into Secrets) and
 * `local up|down|status|verify` (the seven services on this host, contracts.md section 2).
 */
import { isMain } from '@ft/agent/host';
import { parseCli, UsageError, USAGE } from './cli-args.js';
import { localCommand } from './local-command.js';
import { secretsCommand } from './secrets-command.js';
import { PrivilegesFileError } from './container-privileges.js';
import { SecretsFileError } from './secrets.js';

export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseCli(argv);
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined && !values.help ? 64 : 0;
  }
  const print = (line: string) => process.stdout.write(`${line}\n`);
  if (command === 'secrets') {
    if (!values['state-dir'] || !values['k8s-out']) throw new UsageError('secrets needs --state-dir DIR and --k8s-out OUTDIR');
    await secretsCommand({ stateDir: values['state-dir'], k8sOut: values['k8s-out'], externalHost: values['external-host'] }, print);
    return 0;
  }
  if (command === 'local') return localCommand(rest, values, print);
  throw new UsageError(`unknown command ${JSON.stringify(command)}`);
}

export function exitCodeOf(err: unknown): { code: number; message: string } {
  if (err instanceof UsageError) return { code: 64, message: `${err.message}\n${USAGE}` };
  if (err instanceof SecretsFileError || err instanceof PrivilegesFileError) return { code: 78, message: err.message };
  return { code: 1, message: err instanceof Error ? err.message : String(err) };
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      const { code, message } = exitCodeOf(err);
      process.stderr.write(`ft-stack: ${message}\n`);
      process.exit(code);
    },
  );
}
