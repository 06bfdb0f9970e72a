/** Resolves user names to uid/gid from /etc/passwd, as daemons are started as their own users. */
import { readFileSync } from 'node:fs';

export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export function lookupUser(name: string, passwdFile = '/etc/passwd'): SystemUser {
  const text = readFileSync(passwdFile, 'utf8');
  for (const line of text.split('\n')) {
    const [user, , uid, gid, , home] = line.split(':');
    if (user === name && uid !== undefined && gid !== undefined) {
      return { name, uid: Number(uid), gid: Number(gid), home: home ?? '/' };
    }
  }
  throw new Error(`user ${name} does not exist in ${passwdFile}`);
}
