/** The catalogue's own invariants: what must hold whatever a service's entry says. */
import { describe, expect, it } from 'vitest';
import { AGENT_PORT, CATALOGUE, PUBLIC_SERVICES, SECRET_NAMES, SERVICES, serviceEntry, servicePorts, TLS_SERVICES } from './services.js';

describe('the service catalogue', () => {
  it('has one entry per service of the start order, and the databases start first', () => {
    expect(Object.keys(CATALOGUE).sort()).toEqual([...SERVICES].sort());
    expect(new Set(SERVICES).size).toBe(SERVICES.length);
    expect(SERVICES.slice(0, 2)).toEqual(['influxdb', 'mysql']);
  });

  it('gives the services on the one load-balancer address ports that never overlap, and never the agent port', () => {
    const owner = new Map<number, string>();
    for (const service of PUBLIC_SERVICES) {
      for (const port of servicePorts(service)) {
        expect(owner.get(port), `${service} and ${owner.get(port)} both want ${port}`).toBeUndefined();
        owner.set(port, service);
      }
    }
    expect(owner.has(AGENT_PORT)).toBe(false);
    expect([...owner.keys()].sort((a, b) => a - b)).toEqual([21, 22, 80, 443, 3000, 5000, 5050, 30000, 30001, 30002, 30003, 30004]);
  });

  it('names each port once per service', () => {
    for (const service of SERVICES) {
      const names = serviceEntry(service).ports.map((p) => p.name);
      expect(new Set(names).size, service).toBe(names.length);
    }
  });

  it('gives a setting one role only: an account, a secret or a plain setting', () => {
    for (const service of SERVICES) {
      const { accounts, secrets, settings } = serviceEntry(service);
      const all = [...accounts, ...secrets, ...settings];
      expect(
        all.filter((n, i) => all.indexOf(n) !== i),
        service,
      ).toEqual([]);
      // A TLS service reads the certificate's files; the others never name them.
      expect(settings.includes('TLS_CERT_FILE'), service).toBe(TLS_SERVICES.includes(service));
    }
  });

  it('lists every Secret the deploy creates: one per service, the certificate and the SSH host keys', () => {
    expect(SECRET_NAMES).toEqual([...SERVICES.map((s) => `${s}-secrets`), 'ft-tls', 'nginx-ssh-host-keys']);
  });
});
