/** The shapes of the library's API: where to check, with which secrets, and what each check found. */

/** The public ports of a deployment (SPEC.md's table), and the two that must stay closed. */
export interface TargetPorts {
  http: number;
  https: number;
  ssh: number;
  ftp: number;
  wordpress: number;
  phpmyadmin: number;
  grafana: number;
  /** Must NOT answer on the public address. */
  mysql: number;
  /** Must NOT answer on the public address. */
  influxdb: number;
}

export const DEFAULT_PORTS: Readonly<TargetPorts> = Object.freeze({
  http: 80,
  https: 443,
  ssh: 22,
  ftp: 21,
  wordpress: 5050,
  phpmyadmin: 5000,
  grafana: 3000,
  mysql: 3306,
  influxdb: 8086,
});

/** The deployment's one public address (the LB IP, or the local mode's 127.0.0.2). */
export interface VerifyTarget {
  address: string;
  /** Only for tests that run single daemons on free ports; a deployment uses the defaults. */
  ports?: Partial<TargetPorts>;
}

export type WordpressRole = 'administrator' | 'editor' | 'author' | 'contributor' | 'subscriber';

/**
 * What the checks log in with: the subset of the deployment's secrets.json (tools/stack's schema,
 * the same file for the local mode and the cluster) that a user of the platform is given.
 */
export interface VerifySecrets {
  ssh: { user: string; password: string };
  ftp: { user: string; password: string };
  wordpress: {
    /** phpMyAdmin's login is the WordPress database account. */
    dbUser: string;
    dbPassword: string;
    dbName?: string;
    users: ReadonlyArray<{ login: string; password: string; role: WordpressRole }>;
  };
  /** Without it the Grafana check only asks for the login page. */
  grafana?: { admin: { user: string; password: string } };
}

export const CHECK_NAMES = [
  'http-redirect',
  'https-page',
  'wordpress-redirect',
  'phpmyadmin-proxy',
  'wordpress-tls',
  'phpmyadmin-tls',
  'grafana-login',
  'ftps-transfer',
  'ftp-plain-refused',
  'ssh-login',
  'ssh-root-refused',
  'wordpress-logins',
  'phpmyadmin-login',
  'mysql-closed',
  'influxdb-closed',
] as const;

export type CheckName = (typeof CHECK_NAMES)[number];

export interface VerifyOptions {
  secrets: VerifySecrets;
  /** Each check's deadline, ms (default 45 000): a check past it fails with FT_VERIFY_TIMEOUT. */
  timeoutMs?: number;
  /** How long a closed port may stay silent before it counts as closed, ms (default 3 000). */
  closedPortWaitMs?: number;
  /** Run only these (default: all, in CHECK_NAMES order). */
  only?: readonly CheckName[];
  /** Checks reported as skipped with the given reason (e.g. grafana where grafana-server is absent). */
  skip?: Partial<Record<CheckName, string>>;
  /** Checks of different groups (http, ftp, ssh, ...) run side by side; default 3 at a time. */
  concurrency?: number;
  /** Called as each check ends (for a progress display). */
  onResult?: (result: CheckResult) => void;
}

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  name: CheckName;
  /** One line saying what is checked, e.g. "http://IP/ answers 301 to https://IP/". */
  title: string;
  status: CheckStatus;
  /** pass: what was found; fail: why (never a password); skip: the reason given. */
  message: string;
  /** A fail's stable code (errors.ts), e.g. FT_VERIFY_STATUS. */
  code?: string;
  ms: number;
}
