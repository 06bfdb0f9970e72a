/**
 * Every path the two daemons use at run time, all under AGENT_RUN_DIR. Rendered configs sit at
 * the top. What the root-run masters write or chown (pid files, php-fpm's socket and log, nginx's
 * temp dirs, which its master chowns) sits in directories only the agent's user can write: a web
 * user owning one could plant a symlink there and have root overwrite or chown any file. What the
 * workers write sits in leaf directories owned by the web user, inside those.
 */
import { bracketHost, hostPort, probeHost } from '@ft/agent';
import path from 'node:path';

export interface PhpSitePaths {
  /** Rendered nginx.conf and php-fpm.conf (a service's TemplateSpec targets). */
  nginxConf: string;
  phpFpmConf: string;
  /** nginx's own directory: pid file, and the parent of the temp dirs (the agent's user's). */
  nginxDir: string;
  nginxPid: string;
  /** Parent of the temp dirs (the agent's user's): nginx's master chowns each temp dir it finds there. */
  nginxTempDir: string;
  /** client_body_temp_path, proxy_temp_path, fastcgi_temp_path, uwsgi_temp_path, scgi_temp_path (web user). */
  nginxTemp: { clientBody: string; proxy: string; fastcgi: string; uwsgi: string; scgi: string };
  /** php-fpm's directory: socket, pid and the master's log (the agent's user's). */
  phpFpmDir: string;
  phpFpmSocket: string;
  phpFpmPid: string;
  /** The master's error_log (opened by root; with --force-stderr its lines go to stderr). */
  phpFpmLog: string;
  /** PHP's error_log and sessions, written by the workers (owned by the web user). */
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
    nginxTempDir: temp,
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
    phpFpmLog: path.join(phpFpmDir, 'php-fpm.log'),
    phpLogDir: path.join(phpFpmDir, 'log'),
    tlsCert: path.join(runDir, 'tls', 'cert.pem'),
    tlsKey: path.join(runDir, 'tls', 'key.pem'),
  };
}

/** Directories only the agent's user may write (root's in the image), parents first. */
export function agentDirs(paths: PhpSitePaths): string[] {
  return [paths.nginxDir, paths.nginxTempDir, paths.phpFpmDir];
}

/** Leaf directories the web user owns (its workers write there), inside agentDirs. */
export function webUserDirs(paths: PhpSitePaths): string[] {
  return [...Object.values(paths.nginxTemp), paths.phpLogDir];
}

/** host:port for a URL, bracketing IPv6 addresses (the agent's hostPort). */
export const urlHost = hostPort;

export { bracketHost, probeHost };
