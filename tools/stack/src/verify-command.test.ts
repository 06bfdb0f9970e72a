/** `local verify` before any check runs: what it refuses, each with a message that says what to do. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir, removeDir } from '@ft/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from './cli-args.js';
import { loadOrCreateSecrets } from './secrets.js';
import { verifyCommand } from './verify-command.js';

const dirs: string[] = [];
async function stateDir(): Promise<string> {
  const dir = await makeTempDir('stack-verify');
  dirs.push(dir);
  return path.join(dir, 'state');
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});
const print = (): void => undefined;

describe('local verify', () => {
  it('refuses an unknown check name, listing the known ones', async () => {
    const run = verifyCommand(await stateDir(), { checks: 'https-page,no-such-check' }, print);
    await expect(run).rejects.toThrow(UsageError);
    await expect(verifyCommand(await stateDir(), { checks: 'no-such-check' }, print)).rejects.toThrow(
      /--checks: unknown no-such-check \(known: http-redirect, https-page/,
    );
  });

  it('says the local mode never ran when the state dir has no secrets.json', async () => {
    await expect(verifyCommand(await stateDir(), {}, print)).rejects.toThrow(
      /no .*secrets\.json: the local mode never ran with this state dir \(start it: \.\/setup\.sh local\)/,
    );
  });

  it('says the stack is not running when no supervisor runs for the state dir', async () => {
    const dir = await stateDir();
    await loadOrCreateSecrets(dir);
    await expect(verifyCommand(dir, {}, print)).rejects.toThrow(/the local mode is not running .*start it with \.\/setup\.sh local/);
    // A pid file naming a live process that is not this dir's supervisor changes nothing.
    await writeFile(path.join(dir, 'launcher.pid'), `${process.pid}\n`);
    await expect(verifyCommand(dir, {}, print)).rejects.toThrow(/is not running/);
  });

  it('refuses a bad --timeout', async () => {
    await expect(verifyCommand(await stateDir(), { timeout: '0' }, print)).rejects.toThrow(/--timeout: expected a positive number/);
  });
});
