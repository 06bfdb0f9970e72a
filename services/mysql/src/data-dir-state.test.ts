import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '@ft/testkit';
import { INCOMPLETE_MARKER, clearInterrupted, dataDirState, foreignEntries, markComplete, markIncomplete } from './data-dir-state.js';

describe('dataDirState', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir('mysql-state');
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it('is fresh when empty or holding only a filesystem lost+found', async () => {
    expect(await dataDirState(dir)).toBe('fresh');
    await mkdir(path.join(dir, 'lost+found'));
    expect(await dataDirState(dir)).toBe('fresh');
  });

  it('is initialised once the mysql schema exists', async () => {
    await mkdir(path.join(dir, 'mysql'));
    expect(await dataDirState(dir)).toBe('initialised');
  });

  it('is interrupted while the marker is there, even with system tables', async () => {
    await markIncomplete(dir);
    await mkdir(path.join(dir, 'mysql'));
    expect(await dataDirState(dir)).toBe('interrupted');
    await markComplete(dir);
    expect(await dataDirState(dir)).toBe('initialised');
  });

  it('clears only what the interrupted start made: what the directory held before it stays', async () => {
    await mkdir(path.join(dir, 'lost+found'));
    await writeFile(path.join(dir, '.snapshot-policy'), 'an operator file');
    await markIncomplete(dir);
    await mkdir(path.join(dir, 'mysql'));
    await writeFile(path.join(dir, 'ibdata1'), 'x');
    expect((await clearInterrupted(dir)).sort()).toEqual(['ibdata1', 'mysql']);
    expect((await readdir(dir)).sort()).toEqual(['.snapshot-policy', INCOMPLETE_MARKER, 'lost+found'].sort());
  });

  it('names the entries that make a fresh directory someone else’s (not lost+found, not dot files)', async () => {
    await mkdir(path.join(dir, 'lost+found'));
    await writeFile(path.join(dir, '.hidden'), 'x');
    expect(await foreignEntries(dir)).toEqual([]);
    await writeFile(path.join(dir, 'notes.txt'), 'x');
    expect(await foreignEntries(dir)).toEqual(['notes.txt']);
  });

  it('clears what an interrupted start left, but not lost+found nor the marker', async () => {
    await markIncomplete(dir);
    await mkdir(path.join(dir, 'mysql'));
    await writeFile(path.join(dir, 'ibdata1'), 'x');
    await mkdir(path.join(dir, 'lost+found'));
    expect((await clearInterrupted(dir)).sort()).toEqual(['ibdata1', 'mysql']);
    expect((await readdir(dir)).sort()).toEqual([INCOMPLETE_MARKER, 'lost+found']);
  });
});
