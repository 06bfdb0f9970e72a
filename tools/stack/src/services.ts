/** The seven services, in start order: the databases first, so the others find them sooner. */
export const SERVICES = ['influxdb', 'mysql', 'wordpress', 'phpmyadmin', 'nginx', 'ftps', 'grafana'] as const;

export type ServiceName = (typeof SERVICES)[number];

export function isServiceName(name: string): name is ServiceName {
  return (SERVICES as readonly string[]).includes(name);
}
