/**
 * The seven services and the sections of their own figures (services/README.md). A service
 * dashboard is its container sections plus these figures, all filtered by its service tag.
 */
import type { ServiceName } from '@ft/platform';
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

/** Every service of the catalogue (@ft/platform), and no other: a service without its figures does not compile. */
export const SERVICE_FIGURES: Readonly<Record<ServiceName, readonly ServiceFigures[]>> = {
  nginx: [nginx, { title: 'SSH', panels: sshFigures }],
  wordpress: [nginx, phpfpm],
  phpmyadmin: [nginx, phpfpm],
  mysql: [{ title: 'MySQL', panels: mysqlFigures }],
  ftps: [{ title: 'FTP', panels: ftpFigures }],
  influxdb: [{ title: 'InfluxDB', panels: influxdbFigures }],
  grafana: [{ title: 'Grafana', panels: grafanaFigures }],
};
