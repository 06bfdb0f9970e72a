import { appendFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '@ft/testkit';
import { LogFileReader } from './log-file-reader.js';

describe('LogFileReader', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await makeTempDir('log-file-reader');
    file = path.join(dir, 'vsftpd.log');
  });
  afterEach(async () => removeDir(dir));

  it('returns nothing for a file not written yet, then each complete line once', async () => {
    const tail = new LogFileReader(file);
    expect(await tail.readNewLines()).toEqual([]);
    await writeFile(file, 'one\ntwo\nthr');
    expect(await tail.readNewLines()).toEqual(['one', 'two']);
    expect(await tail.readNewLines()).toEqual([]);
    await appendFile(file, 'ee\nfour\n');
    expect(await tail.readNewLines()).toEqual(['three', 'four']);
  });

  it('starts again from the top of a file that was truncated or replaced', async () => {
    const tail = new LogFileReader(file);
    await writeFile(file, 'a long first line\n');
    expect(await tail.readNewLines()).toEqual(['a long first line']);
    await rm(file);
    await writeFile(file, 'new\n');
    expect(await tail.readNewLines()).toEqual(['new']);
  });

  it('empties a fully read file past maxBytes, and keeps reading what comes after', async () => {
    const tail = new LogFileReader(file, { maxBytes: 10 });
    await writeFile(file, 'short\n');
    expect(await tail.readNewLines()).toEqual(['short']);
    expect((await stat(file)).size).toBe(6);
    await appendFile(file, 'longer line\n');
    expect(await tail.readNewLines()).toEqual(['longer line']);
    expect((await stat(file)).size).toBe(0);
    await appendFile(file, 'after\n');
    expect(await tail.readNewLines()).toEqual(['after']);
  });
});
