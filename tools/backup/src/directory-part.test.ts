import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packDirectory, unpackDirectory } from './directory-part.js';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ft-dirpart-test-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('directory part', () => {
  it('packs files and sub-directories with their modes and unpacks them byte for byte', async () => {
    const src = path.join(work, 'src');
    await mkdir(path.join(src, '2026', '12'), { recursive: true });
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));
    await writeFile(path.join(src, '2026', '12', 'photo.jpg'), bytes);
    await writeFile(path.join(src, 'notes.txt'), 'hello');
    await chmod(path.join(src, 'notes.txt'), 0o640);
    const part = path.join(work, 'part.tar.gz');
    await packDirectory(src, part);
    const dst = path.join(work, 'dst');
    await unpackDirectory(part, dst);
    expect(await readFile(path.join(dst, '2026', '12', 'photo.jpg'))).toEqual(bytes);
    expect(await readFile(path.join(dst, 'notes.txt'), 'utf8')).toBe('hello');
    expect((await stat(path.join(dst, 'notes.txt'))).mode & 0o777).toBe(0o640);
  });

  it('an empty or missing directory makes an empty part', async () => {
    const part = path.join(work, 'empty.tar.gz');
    await packDirectory(path.join(work, 'missing'), part);
    const dst = path.join(work, 'dst');
    await unpackDirectory(part, dst);
    expect((await stat(dst)).isDirectory()).toBe(true);
  });
});
