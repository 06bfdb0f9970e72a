/**
 * Where everything of the local mode lives: the public ports on one address (as MetalLB gives the
 * cluster one IP), MySQL, InfluxDB and the agents on an internal address, and every file under the
 * state dir. Pure data: nothing here touches the system.
 */
import path from 'node:path';
import { keyMaterialPaths } from './key-material.js';
import { CATALOGUE, portOf, SERVICES, type ServiceName } from '@ft/platform';

export const DEFAULT_ADDRESS = '127.0.0.2';
export const DEFAULT_INTERNAL_ADDRESS = '127.0.0.3';

/** The ports SPEC.md gives each service (the images' defaults), from the catalogue. */
export const PUBLIC_PORTS = {
  http: portOf('nginx', 'http'),
  https: portOf('nginx', 'https'),
  ssh: portOf('nginx', 'ssh'),
  wordpress: portOf('wordpress', 'https'),
  phpmyadmin: portOf('phpmyadmin', 'https'),
  ftp: portOf('ftps', 'ftp'),
  pasvMin: CATALOGUE.ftps.passivePorts.min,
  pasvMax: CATALOGUE.ftps.passivePorts.max,
  grafana: portOf('grafana', 'https'),
} as const;

/** The databases' ports, on the internal address (in the cluster: their ClusterIP Services). */
export const INTERNAL_PORTS = { mysql: portOf('mysql', 'mysql'), influxdb: portOf('influxdb', 'http') } as const;

/** Agents listen on the internal address, one port each from here (9180 stays the image's). */
export const AGENT_PORT_BASE = 9181;

export interface Listener {
  host: string;
  port: number;
  /** What listens there, for the "port taken" message. */
  what: string;
}

export interface LocalServiceLayout {
  name: ServiceName;
  agentPort: number;
  /** Loopback-only helper port (status page / influxd RPC), when the service has one. */
  statusPort: number | undefined;
  runDir: string;
  /** Its secrets, one file per setting (the mounted Secret of its pod). */
  secretFilesDir: string;
  log: string;
  /** Every address:port the service binds, the agent's included. */
  listeners: Listener[];
}

export interface LocalLayout {
  address: string;
  internalAddress: string;
  stateDir: string;
  logsDir: string;
  launcherLog: string;
  launcherPid: string;
  statusFile: string;
  dataDirs: { mysql: string; influxdb: string; ftp: string; grafana: string; wordpressUploads: string };
  tlsCert: string;
  tlsKey: string;
  sshHostKeyDir: string;
  services: Record<ServiceName, LocalServiceLayout>;
}

export interface LayoutOptions {
  stateDir: string;
  address?: string | undefined;
  internalAddress?: string | undefined;
}

/**
 * The services' status pages bind 127.0.0.1 whatever LISTEN_HOST says, so two stacks on one host
 * (the developers' 127.0.0.2 and 127.0.0.4) would meet there. Each stack takes its block from the
 * internal address's last octet: 127.0.0.3 -> 20030..20033, 127.0.0.5 -> 20050..20053.
 */
export function statusPortBase(internalAddress: string): number {
  const last = Number(internalAddress.split('.').pop());
  return 20000 + (Number.isInteger(last) ? last : 0) * 10;
}

const STATUS_SLOT: Partial<Record<ServiceName, number>> = { nginx: 0, wordpress: 1, phpmyadmin: 2, influxdb: 3 };

export function localLayout(options: LayoutOptions): LocalLayout {
  const address = options.address ?? DEFAULT_ADDRESS;
  const internalAddress = options.internalAddress ?? DEFAULT_INTERNAL_ADDRESS;
  const stateDir = path.resolve(options.stateDir);
  const logsDir = path.join(stateDir, 'logs');
  const keys = keyMaterialPaths(stateDir);
  const base = statusPortBase(internalAddress);
  const pub = (port: number, what: string): Listener => ({ host: address, port, what });
  const own: Record<ServiceName, (statusPort: number | undefined) => Listener[]> = {
    nginx: (s) => [pub(PUBLIC_PORTS.http, 'nginx http'), pub(PUBLIC_PORTS.https, 'nginx https'), pub(PUBLIC_PORTS.ssh, 'sshd'), loop(s, 'nginx status')],
    wordpress: (s) => [pub(PUBLIC_PORTS.wordpress, 'wordpress https'), loop(s, 'wordpress status')],
    phpmyadmin: (s) => [pub(PUBLIC_PORTS.phpmyadmin, 'phpmyadmin https'), loop(s, 'phpmyadmin status')],
    mysql: () => [{ host: internalAddress, port: INTERNAL_PORTS.mysql, what: 'mysql' }],
    influxdb: (s) => [{ host: internalAddress, port: INTERNAL_PORTS.influxdb, what: 'influxdb http' }, loop(s, 'influxd rpc')],
    ftps: () => [pub(PUBLIC_PORTS.ftp, 'vsftpd'), ...range(PUBLIC_PORTS.pasvMin, PUBLIC_PORTS.pasvMax).map((p) => pub(p, 'vsftpd passive'))],
    grafana: () => [pub(PUBLIC_PORTS.grafana, 'grafana')],
  };
  const services = Object.fromEntries(
    SERVICES.map((name, index) => {
      const slot = STATUS_SLOT[name];
      const statusPort = slot === undefined ? undefined : base + slot;
      const agentPort = AGENT_PORT_BASE + index;
      const layout: LocalServiceLayout = {
        name,
        agentPort,
        statusPort,
        runDir: path.join(stateDir, 'run', name),
        secretFilesDir: path.join(stateDir, 'secret-files', name),
        log: path.join(logsDir, `${name}.log`),
        listeners: [...own[name](statusPort), { host: internalAddress, port: agentPort, what: `${name} agent` }],
      };
      return [name, layout];
    }),
  ) as Record<ServiceName, LocalServiceLayout>;
  return {
    address,
    internalAddress,
    stateDir,
    logsDir,
    launcherLog: path.join(stateDir, 'launcher.log'),
    launcherPid: path.join(stateDir, 'launcher.pid'),
    statusFile: path.join(stateDir, 'status.json'),
    dataDirs: {
      mysql: path.join(stateDir, 'mysql'),
      influxdb: path.join(stateDir, 'influxdb'),
      ftp: path.join(stateDir, 'ftp'),
      grafana: path.join(stateDir, 'grafana'),
      // WordPress's uploaded media: the cluster's uploads claim.
      wordpressUploads: path.join(stateDir, 'wordpress-uploads'),
    },
    tlsCert: keys.tlsCert,
    tlsKey: keys.tlsKey,
    sshHostKeyDir: keys.sshHostKeyDir,
    services,
  };
}

function loop(port: number | undefined, what: string): Listener {
  if (port === undefined) throw new Error(`no status port for ${what}`);
  return { host: '127.0.0.1', port, what };
}

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}
