/**
 * The local mode's stand-in for a mounted Secret: each service's secrets as one file per setting
 * under `<state>/secret-files/<service>/` (root's, 0400 in a 0700 dir), which its agent reads
 * through NAME_FILE, as a pod reads /run/secrets/<service>-secrets/NAME.
 */
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EnvMap } from './service-env.js';

/** NAME_FILE for every NAME of `files`, pointing into `dir`. */
export function fileVariables(files: EnvMap, dir: string): EnvMap {
  return Object.fromEntries(Object.keys(files).map((name) => [`${name}_FILE`, path.join(dir, name)]));
}

/**
 * Writes the files afresh (a setting that left the Secret leaves no file behind, as a remounted
 * Secret would), then returns the NAME_FILE variables.
 */
export async function writeSecretFiles(files: EnvMap, dir: string): Promise<EnvMap> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.dirname(dir), { recursive: true, mode: 0o700 });
  await chmod(path.dirname(dir), 0o700);
  await mkdir(dir, { mode: 0o700 });
  for (const [name, value] of Object.entries(files)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new Error(`${name}: not a variable name, refusing it as a file name`);
    await writeFile(path.join(dir, name), value, { mode: 0o400 });
  }
  return fileVariables(files, dir);
}
