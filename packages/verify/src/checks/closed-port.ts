/** SPEC: MySQL and InfluxDB are never reachable from outside: nothing answers on the public address. */
import { CheckFailure } from '../errors.js';
import { tcpProbe } from '../tcp-probe.js';
import type { Check } from './check.js';

function closedPort(name: 'mysql-closed' | 'influxdb-closed', port: 'mysql' | 'influxdb', what: string): Check {
  return {
    name,
    group: 'closed',
    title: ({ address, ports }) => `${what} is not reachable on ${address}:${ports[port]}`,
    async run(ctx) {
      const outcome = await tcpProbe(ctx.address, ctx.ports[port], ctx.closedPortWaitMs);
      if (outcome.open)
        throw new CheckFailure(
          'FT_VERIFY_PORT_OPEN',
          `${ctx.address}:${ctx.ports[port]} accepts connections: ${what} must only be reachable inside the cluster`,
        );
      return `closed (${outcome.why})`;
    },
  };
}

export const mysqlClosed = closedPort('mysql-closed', 'mysql', 'MySQL');
export const influxdbClosed = closedPort('influxdb-closed', 'influxdb', 'InfluxDB');
