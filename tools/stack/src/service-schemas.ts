/**
 * Each service's own environment schema (its `defineService({ env })`), by service name: what
 * tools/stack's tests and tools/k8s-check's K8S_SERVICE_ENV rule check an environment against.
 * It loads every service definition, so the stack CLI never imports it.
 */
import type { EnvShape } from '@ft/agent';
import { ftps } from '@ft/ftps';
import { grafana } from '@ft/grafana';
import { influxdb } from '@ft/influxdb';
import { mysql } from '@ft/mysql';
import { nginx } from '@ft/nginx';
import { phpmyadmin } from '@ft/phpmyadmin';
import { wordpress } from '@ft/wordpress';
import type { ServiceName } from '@ft/platform';

export const SERVICE_ENV_SHAPES: Readonly<Record<ServiceName, EnvShape>> = {
  ftps: ftps.env,
  grafana: grafana.env,
  influxdb: influxdb.env,
  mysql: mysql.env,
  nginx: nginx.env,
  phpmyadmin: phpmyadmin.env,
  wordpress: wordpress.env,
};
