/**
 * `local verify`: the evaluator's checks (@ft/verify) against the local mode's public address with
 * its own secrets.json, as `setup.sh verify` runs them against a cluster. Grafana's check is
 * reported skipped where the stack skipped Grafana (no grafana-server on this host). Exit 1 names
 * every failed check.
 */
import { readFile } from 'node:fs/promises';
import { CHECK_NAMES, type CheckName } from '@ft/verify';
import { ipv4Option, positiveNumberOption, UsageError, type CliValues } from './cli-args.js';
import { localLayout } from './local-layout.js';
import { parseSecrets, secretsPath } from './secrets.js';
import { readStatusFile } from './status-file.js';
import { runningLauncher } from './launcher-pid.js';

type Print = (line: string) => void;

function checksFrom(value: string | undefined): CheckName[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = names.filter((n) => !(CHECK_NAMES as readonly string[]).includes(n));
  if (bad.length > 0 || names.length === 0) throw new UsageError(`--checks: unknown ${bad.join(', ') || '(none given)'} (known: ${CHECK_NAMES.join(', ')})`);
  return names as CheckName[];
}

export async function verifyCommand(stateDir: string, values: CliValues, print: Print): Promise<number> {
  const only = checksFrom(values.checks);
  const timeoutS = positiveNumberOption('timeout', values.timeout, 45);
  const layout = localLayout({ stateDir });
  const file = secretsPath(layout.stateDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw new Error(`no ${file}: the local mode never ran with this state dir (start it: ./setup.sh local)`, { cause: err });
  }
  const secrets = parseSecrets(text, file);
  const status = await readStatusFile(layout.statusFile);
  const pid = await runningLauncher(layout.launcherPid, layout.stateDir);
  if (pid === null || !status) throw new Error(`the local mode is not running (state dir ${layout.stateDir}): start it with ./setup.sh local`);
  const address = ipv4Option('address', values.address) ?? status.address;
  const grafana = status.services.find((s) => s.name === 'grafana');
  const skip: Partial<Record<CheckName, string>> = {};
  if (!grafana || grafana.state === 'skipped') {
    const why = status.internals.grafana?.skippedBecause ?? grafana?.lastFailure ?? 'grafana is not started by this stack';
    skip['grafana-login'] = why.replace(/^skipped: /, '');
  }

  // Loaded here: up, down and status never pay for the clients' modules.
  const { failedChecks, formatReport, runChecks } = await import('@ft/verify');
  print(`verifying ${address} with the secrets of ${file}`);
  const results = await runChecks({ address }, { secrets, skip, timeoutMs: timeoutS * 1000, ...(only ? { only } : {}) });
  if (values.json) print(JSON.stringify(results));
  else print(formatReport(results, { color: process.stdout.isTTY === true && !process.env.NO_COLOR }));
  const failed = failedChecks(results);
  if (failed.length === 0) return 0;
  process.stderr.write(`local verify: ${failed.length} check${failed.length === 1 ? '' : 's'} failed: ${failed.join(', ')}\n`);
  return 1;
}
