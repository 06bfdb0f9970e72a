/**
 * A data dir (a volume) as the agent may give it to a daemon's user. The setting was validated as a
 * path (vars.dataDir); here the directory itself is judged, where it really is (a symbolic link to
 * /etc is /etc), before anything is handed over, and a recursive hand-over only happens to a
 * directory made for the service: empty, or marked by an earlier start, or already the daemon's.
 */
import { lstat, mkdir, readFile, readdir, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dataDirProblem } from './env-types.js';
import { DataDirError, describeError } from './errors.js';
import { FIRST_REGULAR_UID, uidHasAccount } from './system-users.js';

/** Written into a data dir the service took over; names the service. */
export const DATA_DIR_MARKER = '.ft-data-dir';
/** A filesystem's own entry in a fresh volume: not data. */
const FILESYSTEM_ENTRIES = new Set(['lost+found']);

/**
 * Makes `dir` when missing (with `mode`) and returns where it really is, refusing (DataDirError,
 * exit 78, naming `variable`) a directory that is, or resolves to, the root, a system tree or a
 * shared parent.
 */
export async function checkDataDir(variable: string, dir: string, mode = 0o755): Promise<string> {
  let real: string;
  try {
    await mkdir(dir, { recursive: true, mode });
    real = await realpath(dir);
  } catch (err) {
    throw new DataDirError(variable, `cannot make or resolve ${dir}: ${describeError(err)}`);
  }
  const problem = dataDirProblem(real);
  if (problem) throw new DataDirError(variable, `${dir}${real === dir ? '' : ` is ${real}, which`} may not be a data dir: ${problem}`);
  return real;
}

export interface ClaimOptions {
  /** The setting that named the directory, blamed when it is refused. */
  variable: string;
  dir: string;
  /** The service taking it; written into the marker. */
  service: string;
  /** The daemon's uid: a directory it already owns was its own before the marker existed. */
  uid: number;
  /**
   * Write the marker (default). Off where the directory is a user's view (the FTP root): there a
   * claim rests on the other grounds, and two more count as the service's own: an orphaned owner
   * (a regular uid no account has any more: the user renumbered by a rebuilt image) and root (a
   * volume's mount point, files restored from a backup). A directory of another account (a home,
   * a daemon's directory) is still refused.
   */
  mark?: boolean;
  /** Mode of the directory when it has to be made (default 0755). */
  mode?: number;
  passwdFile?: string;
}

/**
 * Checks that `dir` may be given, recursively, to the daemon's user, and marks it as the service's.
 * Returns why it may: 'empty' (a fresh volume), 'marked' (taken by an earlier start) or 'owned' (the
 * daemon's already: a volume from before the marker). Anything else, a directory that holds files
 * and was made for something else (a home, /srv, another service's volume), is refused: nothing in
 * it is changed.
 */
export async function claimDataDir(options: ClaimOptions): Promise<'empty' | 'marked' | 'owned' | 'orphaned' | 'root'> {
  const { variable, dir, service } = options;
  const real = await checkDataDir(variable, dir, options.mode);
  const marker = path.join(real, DATA_DIR_MARKER);
  const markedFor = await readFile(marker, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
  if (markedFor !== undefined) {
    if (markedFor !== service) {
      throw new DataDirError(
        variable,
        `${dir} was made for ${JSON.stringify(markedFor.slice(0, 64))} (its ${DATA_DIR_MARKER} says so), not for ${service}; name a directory of its own`,
      );
    }
    return 'marked';
  }
  const entries = (await readdir(real)).filter((e) => !FILESYSTEM_ENTRIES.has(e));
  const owner = (await lstat(real)).uid;
  const mark = options.mark ?? true;
  const orphaned = !mark && owner >= FIRST_REGULAR_UID && !uidHasAccount(owner, options.passwdFile);
  const why = entries.length === 0 ? 'empty' : owner === options.uid ? 'owned' : orphaned ? 'orphaned' : !mark && owner === 0 ? 'root' : undefined;
  if (why === undefined) {
    throw new DataDirError(
      variable,
      `${dir} holds files (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', ...' : ''}) and was not made for ${service}: ` +
        `nothing in it was given to the daemon's user; name an empty directory` +
        (mark ? `, or, if it is ${service}'s own volume, write ${service} into ${marker}` : `, or give it to the user if it is ${service}'s own volume`),
    );
  }
  if (mark) await writeFile(marker, `${service}\n`, { mode: 0o644 });
  return why;
}
