import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandOutput, commandToFile, fileToCommand } from './command-stream.js';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ft-cmdstream-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('command streams', () => {
  it('a command into a gzipped file and back into a command', async () => {
    const file = path.join(work, 'out.gz');
    await commandToFile(['sh', '-c', 'seq 1 5000'], file, { what: 'numbers', gzip: true });
    const text = gunzipSync(await readFile(file)).toString();
    expect(text.split('\n')[4999]).toBe('5000');
    const counted = await fileToCommand(file, ['wc', '-l'], { what: 'count', gunzip: true });
    expect(counted.trim()).toBe('5000');
  });

  it('a failing command is named with its stderr, and leaves no partial file', async () => {
    const file = path.join(work, 'out.gz');
    const err = await commandToFile(['sh', '-c', 'echo partial; echo "Access denied for user" >&2; exit 2'], file, {
      what: 'the MySQL dump',
      gzip: true,
    }).catch((e: unknown) => e as Error);
    expect(err).toMatchObject({ code: 'BACKUP_STEP_FAILED' });
    expect((err as Error).message).toContain('the MySQL dump failed');
    expect((err as Error).message).toContain('Access denied');
    await expect(stat(file)).rejects.toThrow();
  });

  it('a consumer that fails is reported by its exit status', async () => {
    const file = path.join(work, 'in.gz');
    await writeFile(file, gzipSync(Buffer.from('x\n'.repeat(100_000))));
    const err = await fileToCommand(file, ['sh', '-c', 'head -c 10 >/dev/null; echo "ERROR 1064" >&2; exit 1'], { what: 'the MySQL load', gunzip: true }).catch(
      (e: unknown) => e as Error,
    );
    expect((err as Error).message).toContain('ERROR 1064');
  });

  it('environment values reach the command, not its argv', async () => {
    expect((await commandOutput(['sh', '-c', 'echo "$MYSQL_PWD"'], { what: 'env', env: { MYSQL_PWD: 'pw-1' } })).trim()).toBe('pw-1');
    await expect(commandOutput(['false'], { what: 'false' })).rejects.toMatchObject({ code: 'BACKUP_STEP_FAILED' });
  });
});
