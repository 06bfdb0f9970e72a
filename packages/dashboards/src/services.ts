/**
 * The seven services and the sections of their own figures (services/README.md). A service
 * dashboard is its container sections plus these figures, all filtered by its service tag.
 */
import type { Scope } from './influxql.js';
import type { PanelSpec } from './panels.js';
import { ftpFigures, grafanaFigures, influxdbFigures, mysqlFigures, nginxFigures, phpfpmFigures, sshFigures } from './service-figures.js';

export interface ServiceFigures {
  /** Section title. */
  title: string;
  panels: (scope: Scope) => PanelSpec[];
}

const nginx: ServiceFigures = { title: 'nginx', panels: nginxFigures };
const phpfpm: ServiceFigures = { title: 'php-fpm', panels: phpfpmFigures };

export const SERVICE_FIGURES: Readonly<Record<string, readonly ServiceFigures[]>> = {
  nginx: [nginx, { title: 'SSH', panels: sshFigures }],
  wordpress: [nginx, phpfpm],
  phpmyadmin: [nginx, phpfpm],
  mysql: [{ title: 'MySQL', panels: mysqlFigures }],
  ftps: [{ title: 'FTP', panels: ftpFigures }],
  influxdb: [{ title: 'InfluxDB', panels: influxdbFigures }],
  grafana: [{ title: 'Grafana', panels: grafanaFigures }],
};

export const SERVICES = Object.keys(SERVICE_FIGURES);
