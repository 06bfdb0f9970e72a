/**
 * The FTP account: a local system user (vsftpd authenticates through PAM against /etc/shadow),
 * created if missing, its password set from the environment at every start.
 *
 * Layout of FTP_DATA_DIR (the volume): the directory itself is root's (mode 755), the jail's
 * root, which the user cannot write; its `files/` is the user's (mode 750), where every session
 * starts. The user's home is `<data dir>/./files`: vsftpd (passwd_chroot_enable) chroots at the
 * `/./` and enters the rest.
 */
import { chmod, chown, lchown, lstat, mkdir, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { claimDataDir, ensureLoginUser, findUser, runCommand, setLoginPassword, type InitStep } from '@ft/agent';

export interface FtpUserOptions {
  user: string;
  password: string;
  dataDir: string;
  /** The platform's login shell for a new user. */
  loginShell: string;
  passwdFile?: string;
}

/** The user's own directory inside the jail (what `/files` is in a session). */
export const FILES_DIR = 'files';

/** The home directory string vsftpd reads the jail from: `<data dir>/./files`. */
export function ftpHome(dataDir: string): string {
  return `${path.resolve(dataDir)}/./${FILES_DIR}`;
}

export function ftpUserStep(options: FtpUserOptions): InitStep {
  return { name: 'ftp user', run: () => ensureFtpUser(options) };
}

export async function ensureFtpUser(options: FtpUserOptions): Promise<void> {
  const { user: name, dataDir } = options;
  const home = ftpHome(dataDir);
  // shadow's useradd and usermod on both platforms (the image installs `shadow`: busybox has no usermod).
  const { user: found, created } = await ensureLoginUser({
    name,
    variable: 'FTP_USER',
    addUser: ['useradd', '--no-create-home', '--shell', options.loginShell, '--home-dir', home, name],
    // An account from an earlier start (or an older agent) that could log in gets the shell too.
    shell: options.loginShell,
    ...(options.passwdFile ? { passwdFile: options.passwdFile } : {}),
  });
  let user = found;
  if (!created && user.home !== home) {
    // vsftpd enters the home directory: a home that no longer exists (the data dir moved) would
    // end every session right after its login, and one without /./ would not be jailed there.
    await runCommand(['usermod', '--home', home, name]);
    user = findUser(name, options.passwdFile) ?? user;
  }
  await setLoginPassword(name, options.password);

  // Before its top becomes root's and its files the user's: only a directory made for ftps (empty,
  // root's, the user's own, or of a uid no account has), never a home or a system directory. No
  // marker: the directory is what the user sees.
  await claimDataDir({ variable: 'FTP_DATA_DIR', dir: dataDir, service: 'ftps', uid: user.uid, mark: false });
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const files = path.join(dataDir, FILES_DIR);
  const top = await lstat(dataDir);
  if (top.uid === user.uid && !(await exists(files))) await moveIntoFiles(dataDir, files);
  // The jail's root: root's, not writable by the user (vsftpd refuses a writable one).
  await chown(dataDir, 0, 0);
  await chmod(dataDir, 0o755);
  await mkdir(files, { recursive: true, mode: 0o750 });
  const own = await lstat(files);
  if (!own.isDirectory()) throw new Error(`${files} is not a directory`);
  if (own.uid !== user.uid || own.gid !== user.gid) {
    // A fresh volume, or one written under another uid (a rebuilt image numbered the user anew):
    // give every file to the user, or uploads into old directories would fail.
    await chownTree(files, user.uid, user.gid);
  }
  // Not for other users of the machine (the local mode shares a host).
  await chmod(files, 0o750);
}

/** A volume of the earlier layout (the user's files at its top): everything moves into files/. */
async function moveIntoFiles(dataDir: string, files: string): Promise<void> {
  const entries = await readdir(dataDir);
  await mkdir(files, { mode: 0o750 });
  for (const entry of entries) await rename(path.join(dataDir, entry), path.join(files, entry));
}

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
}

async function chownTree(root: string, uid: number, gid: number): Promise<void> {
  await chown(root, uid, gid);
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const p = path.join(root, entry.name);
    // Symbolic links are changed themselves and never followed out of the volume.
    if (entry.isDirectory()) await chownTree(p, uid, gid);
    else await lchown(p, uid, gid);
  }
}
