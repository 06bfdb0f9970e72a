/** Every path the container writes at run time, all under AGENT_RUN_DIR (host keys optionally elsewhere). */
import path from 'node:path';
import { SSH_HOST_KEY_TYPES, sshHostKeyPath } from '@ft/agent';

export interface NginxPaths {
  /** nginx's -p prefix (with a trailing slash, as nginx wants it). */
  nginxPrefix: string;
  nginxConf: string;
  nginxPid: string;
  /** A FIFO the agent reads (see access-log.ts). */
  accessLog: string;
  /** Parent of nginx's temp directories, which nginx creates and hands to its worker user. */
  nginxTemp: string;
  www: string;
  cert: string;
  key: string;
  sshdConfig: string;
  sshdPid: string;
  hostKeyDir: string;
  hostKeys: string[];
  /** The agent's own key for the ssh check when the user has no password. */
  checkKey: string;
}

export function nginxPaths(runDir: string, hostKeyDir?: string): NginxPaths {
  const nginx = path.join(runDir, 'nginx');
  const ssh = path.join(runDir, 'ssh');
  const keys = hostKeyDir ?? path.join(ssh, 'host-keys');
  return {
    nginxPrefix: `${nginx}/`,
    nginxConf: path.join(nginx, 'nginx.conf'),
    nginxPid: path.join(nginx, 'nginx.pid'),
    accessLog: path.join(nginx, 'access.log'),
    nginxTemp: path.join(nginx, 'tmp'),
    www: path.join(runDir, 'www'),
    cert: path.join(runDir, 'tls', 'cert.pem'),
    key: path.join(runDir, 'tls', 'key.pem'),
    sshdConfig: path.join(ssh, 'sshd_config'),
    sshdPid: path.join(ssh, 'sshd.pid'),
    hostKeyDir: keys,
    hostKeys: SSH_HOST_KEY_TYPES.map((type) => sshHostKeyPath(keys, type)),
    checkKey: path.join(ssh, 'check', 'id_ed25519'),
  };
}

/** The paths of a running service: its run dir and SSH_HOST_KEY_DIR. */
export function contextPaths(ctx: { agent: { AGENT_RUN_DIR: string }; config: { SSH_HOST_KEY_DIR?: string | undefined } }): NginxPaths {
  return nginxPaths(ctx.agent.AGENT_RUN_DIR, ctx.config.SSH_HOST_KEY_DIR);
}

/** nginx's stub_status on the loopback status server (readiness and the collector). */
export function nginxStatusUrl(statusPort: number): string {
  return `http://127.0.0.1:${statusPort}/nginx_status`;
}
