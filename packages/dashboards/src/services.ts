/**
 * The seven services and the measurements of their own figures (services/README.md). A service
 * dashboard is its container sections plus these figures, all filtered by its service tag.
 */
import type { Scope } from './influxql.js';
import type { PanelSpec } from './panels.js';
import { ftpFigures, grafanaFigures, influxdbFigures, mysqlFigures, nginxFigures, phpfpmFigures, sshFigures } from './service-figures.js';

export interface ServiceFigures {
  /** Section title. */
  title: string;
  /** The measurement the panels read. */
  measurement: string;
  panels: (scope: Scope) => PanelSpec[];
}

const nginx: ServiceFigures = { title: 'nginx', measurement: 'nginx', panels: nginxFigures };
const phpfpm: ServiceFigures = { title: 'php-fpm', measurement: 'phpfpm', panels: phpfpmFigures };

export const SERVICE_FIGURES: Readonly<Record<string, readonly ServiceFigures[]>> = {
  nginx: [nginx, { title: 'SSH', measurement: 'ssh', panels: sshFigures }],
  wordpress: [nginx, phpfpm],
  phpmyadmin: [nginx, phpfpm],
  mysql: [{ title: 'MySQL', measurement: 'mysql', panels: mysqlFigures }],
  ftps: [{ title: 'FTP', measurement: 'ftp', panels: ftpFigures }],
  influxdb: [{ title: 'InfluxDB', measurement: 'influxdb', panels: influxdbFigures }],
  grafana: [{ title: 'Grafana', measurement: 'grafana', panels: grafanaFigures }],
};

export const SERVICES = Object.keys(SERVICE_FIGURES);
