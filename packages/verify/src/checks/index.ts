/** Every check, in CHECK_NAMES order. */
import type { CheckName } from '../types.js';
import type { Check } from './check.js';
import { influxdbClosed, mysqlClosed } from './closed-port.js';
import { ftpPlainRefused } from './ftp-plain-refused.js';
import { ftpsTransfer } from './ftps-transfer.js';
import { grafanaLogin } from './grafana-login.js';
import { httpRedirect } from './http-redirect.js';
import { httpsPage } from './https-page.js';
import { phpmyadminLoginCheck } from './phpmyadmin-login.js';
import { phpmyadminProxy } from './phpmyadmin-proxy.js';
import { sshLogin } from './ssh-login.js';
import { sshRootRefused } from './ssh-root-refused.js';
import { phpmyadminTls, wordpressTls } from './tls-site.js';
import { wordpressLogins } from './wordpress-logins.js';
import { wordpressRedirect } from './wordpress-redirect.js';

export type { Check, CheckContext } from './check.js';

export const CHECKS: Readonly<Record<CheckName, Check>> = {
  'http-redirect': httpRedirect,
  'https-page': httpsPage,
  'wordpress-redirect': wordpressRedirect,
  'phpmyadmin-proxy': phpmyadminProxy,
  'wordpress-tls': wordpressTls,
  'phpmyadmin-tls': phpmyadminTls,
  'grafana-login': grafanaLogin,
  'ftps-transfer': ftpsTransfer,
  'ftp-plain-refused': ftpPlainRefused,
  'ssh-login': sshLogin,
  'ssh-root-refused': sshRootRefused,
  'wordpress-logins': wordpressLogins,
  'phpmyadmin-login': phpmyadminLoginCheck,
  'mysql-closed': mysqlClosed,
  'influxdb-closed': influxdbClosed,
};
