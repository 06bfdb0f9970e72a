/**
 * Each service's own environment schema (its `defineService({ env })`), by service name: what
 * tools/stack's tests and tools/k8s-check's K8S_SERVICE_ENV rule check an environment against.
 * It loads every service definition, so the stack CLI never imports it.
 */
import type { EnvShape } from '@ft/agent';
import { ftps } from '@ft/ftps/src/service.js';
import { grafana } from '@ft/grafana/src/service.js';
import { influxdb } from '@ft/influxdb/src/service.js';
import { mysql } from '@ft/mysql/src/service.js';
import { nginx } from '@ft/nginx/src/service.js';
import { phpmyadmin } from '@ft/phpmyadmin/src/service.js';
import { wordpress } from '@ft/wordpress/src/service.js';
import type { ServiceName } from './services.js';

export const SERVICE_ENV_SHAPES: Readonly<Record<ServiceName, EnvShape>> = {
  ftps: ftps.env,
  grafana: grafana.env,
  influxdb: influxdb.env,
  mysql: mysql.env,
  nginx: nginx.env,
  phpmyadmin: phpmyadmin.env,
  wordpress: wordpress.env,
};
