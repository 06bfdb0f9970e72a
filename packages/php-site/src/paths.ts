/**
 * Every path the two daemons use at run time, all under AGENT_RUN_DIR. Rendered configs sit at
 * the top; what a daemon's workers write sits in directories owned by the web user.
 */
import path from 'node:path';

export interface PhpSitePaths {
  /** Rendered nginx.conf and php-fpm.conf (a service's TemplateSpec targets). */
  nginxConf: string;
  phpFpmConf: string;
  /** nginx's own directory: pid file and temp dirs (owned by the web user). */
  nginxDir: string;
  nginxPid: string;
  /** client_body_temp_path, proxy_temp_path, fastcgi_temp_path, uwsgi_temp_path, scgi_temp_path. */
  nginxTemp: { clientBody: string; proxy: string; fastcgi: string; uwsgi: string; scgi: string };
  /** php-fpm's directory: socket and pid (owned by the web user). */
  phpFpmDir: string;
  phpFpmSocket: string;
  phpFpmPid: string;
  /** PHP's error_log and the slow log, written by the workers (owned by the web user). */
  phpLogDir: string;
  tlsCert: string;
  tlsKey: string;
}

export function phpSitePaths(runDir: string): PhpSitePaths {
  const nginxDir = path.join(runDir, 'nginx');
  const temp = path.join(nginxDir, 'tmp');
  const phpFpmDir = path.join(runDir, 'php-fpm');
  return {
    nginxConf: path.join(runDir, 'nginx.conf'),
    phpFpmConf: path.join(runDir, 'php-fpm.conf'),
    nginxDir,
    nginxPid: path.join(nginxDir, 'nginx.pid'),
    nginxTemp: {
      clientBody: path.join(temp, 'client_body'),
      proxy: path.join(temp, 'proxy'),
      fastcgi: path.join(temp, 'fastcgi'),
      uwsgi: path.join(temp, 'uwsgi'),
      scgi: path.join(temp, 'scgi'),
    },
    phpFpmDir,
    phpFpmSocket: path.join(phpFpmDir, 'php-fpm.sock'),
    phpFpmPid: path.join(phpFpmDir, 'php-fpm.pid'),
    phpLogDir: path.join(phpFpmDir, 'log'),
    tlsCert: path.join(runDir, 'tls', 'cert.pem'),
    tlsKey: path.join(runDir, 'tls', 'key.pem'),
  };
}

/** Directories the web user must own, deepest last so `mkdir -p` order is natural. */
export function webUserDirs(paths: PhpSitePaths): string[] {
  return [paths.nginxDir, ...Object.values(paths.nginxTemp), paths.phpFpmDir, paths.phpLogDir];
}

/**
 * The address the agent's own probes connect to: a wildcard listener is reached on loopback,
 * a specific address on itself.
 */
export function probeHost(listenHost: string): string {
  if (listenHost === '0.0.0.0' || listenHost === '') return '127.0.0.1';
  if (listenHost === '::' || listenHost === '[::]') return '::1';
  return listenHost;
}

/** An address as nginx's `listen` and URLs want it: IPv6 in brackets. */
export function bracketHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** host:port for a URL, bracketing IPv6 addresses. */
export function urlHost(host: string, port: number): string {
  return `${bracketHost(host)}:${port}`;
}
