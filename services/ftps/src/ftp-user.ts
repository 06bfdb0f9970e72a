/**
 * The FTP account: a local system user (vsftpd authenticates through PAM against /etc/shadow),
 * created if missing, its password set from the environment at every start, its files in
 * FTP_DATA_DIR and owned by it.
 */
import { chown, lchown, lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { ensureLoginUser, findUser, runCommand, setLoginPassword, type InitStep } from '@ft/agent';

export interface FtpUserOptions {
  user: string;
  password: string;
  dataDir: string;
  /** The platform's login shell for a new user. */
  loginShell: string;
  passwdFile?: string;
}

export function ftpUserStep(options: FtpUserOptions): InitStep {
  return { name: 'ftp user', run: () => ensureFtpUser(options) };
}

export async function ensureFtpUser(options: FtpUserOptions): Promise<void> {
  const { user: name, dataDir } = options;
  // shadow's useradd and usermod on both platforms (the image installs `shadow`: busybox has no usermod).
  const { user: found, created } = await ensureLoginUser({
    name,
    variable: 'FTP_USER',
    addUser: ['useradd', '--no-create-home', '--shell', options.loginShell, '--home-dir', dataDir, name],
    ...(options.passwdFile ? { passwdFile: options.passwdFile } : {}),
  });
  let user = found;
  if (!created && path.resolve(user.home) !== path.resolve(dataDir)) {
    // vsftpd enters the home directory before local_root: a home that no longer exists (the
    // data dir moved) would end every session right after its login.
    await runCommand(['usermod', '--home', dataDir, name]);
    user = findUser(name, options.passwdFile) ?? user;
  }
  await setLoginPassword(name, options.password);

  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const top = await lstat(dataDir);
  if (top.uid !== user.uid || top.gid !== user.gid) {
    // A fresh volume, or one written under another uid (a rebuilt image numbered the user anew):
    // give every file to the user, or uploads into old directories would fail.
    await chownTree(dataDir, user.uid, user.gid);
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
