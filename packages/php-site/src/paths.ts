/**
 * Every path the two daemons use at run time, all under AGENT_RUN_DIR. Rendered configs sit at
 * the top; what a daemon's workers write sits in directories owned by the web user.
 */
import { bracketHost, hostPort, probeHost } from '@ft/agent';
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

/** host:port for a URL, bracketing IPv6 addresses (the agent's hostPort). */
export const urlHost = hostPort;

export { bracketHost, probeHost };
