/** Values the templates need beyond the raw environment, computed once at start. */
import { bracketHost } from '@ft/agent';
import type { NginxConfig } from './env.js';
import { authority, hostsPattern, resolveUpstream } from './upstream.js';
import { nginxResolverAddresses, type ResolvConf } from './resolv-conf.js';
import type { NginxPaths } from './paths.js';

export interface NginxTemplateVars {
  [key: string]: unknown;
  paths: NginxPaths;
  /** LISTEN_HOST as nginx's listen directive wants it. */
  listen: string;
  /** Suffix of the 80 -> 443 redirect: empty on 443, ":<port>" otherwise. */
  httpsPortSuffix: string;
  wordpressOrigin: string;
  grafanaUrl: string;
  ftpsAddress: string;
  sshCommand: string;
  upstream: { origin: string; host: string; https: boolean };
  /** Host names whose absolute Location headers are mapped under /phpmyadmin/. */
  redirectHosts: string;
  /** The resolver directive's addresses; empty when resolv.conf names none. */
  resolver: string;
  sshPasswordAuthentication: 'yes' | 'no';
}

export function nginxTemplateVars(config: NginxConfig, paths: NginxPaths, resolv: ResolvConf): NginxTemplateVars {
  const upstream = resolveUpstream(config.PHPMYADMIN_UPSTREAM, resolv);
  const external = config.EXTERNAL_HOST;
  return {
    paths,
    listen: bracketHost(config.LISTEN_HOST),
    httpsPortSuffix: config.HTTPS_PORT === 443 ? '' : `:${config.HTTPS_PORT}`,
    wordpressOrigin: `https://${authority(external, config.WORDPRESS_EXTERNAL_PORT)}`,
    // Grafana serves plain http on its port (services/grafana/conf/grafana.ini): an https link would fail.
    grafanaUrl: `http://${authority(external, config.GRAFANA_EXTERNAL_PORT, 80)}/`,
    ftpsAddress: authority(external, config.FTPS_EXTERNAL_PORT, 21),
    sshCommand: config.SSH_PORT === 22 ? `ssh ${config.SSH_USER}@${external}` : `ssh -p ${config.SSH_PORT} ${config.SSH_USER}@${external}`,
    upstream: { origin: upstream.origin, host: upstream.host, https: upstream.https },
    redirectHosts: hostsPattern([...upstream.aliases, external]),
    resolver: nginxResolverAddresses(resolv),
    sshPasswordAuthentication: config.SSH_PASSWORD === undefined ? 'no' : 'yes',
  };
}
