import { describe, expect, it } from 'vitest';
import { failure, fixture, testContext } from '../test/support.js';
import { addressProblems, parseServiceAddresses, verifyDeployment } from './verify.js';

const IP = '192.168.49.240';

describe('the LoadBalancer addresses', () => {
  it('all five public Services have the address', () => {
    expect(addressProblems(parseServiceAddresses(fixture('kubectl-services-ok.json')), IP)).toEqual([]);
  });
  it('names each Service without it, and what it has instead', () => {
    expect(addressProblems(parseServiceAddresses(fixture('kubectl-services-pending.json')), IP)).toEqual([
      `wordpress: status.loadBalancer has no address (pending), not ${IP}`,
      `ftps: status.loadBalancer has 192.168.49.241, not ${IP}`,
    ]);
    expect(addressProblems([], IP)).toEqual(['no LoadBalancer Service in the namespace']);
  });
});

describe('verifyDeployment', () => {
  const cluster = (services: string) => (_c: unknown, line: string) => {
    if (line.includes('get services -o json')) return { stdout: fixture(services) };
    if (line.includes('get pods') && line.includes('-o json')) return { stdout: fixture('kubectl-pods.json') };
    if (line.includes('deployments,statefulsets')) return { stdout: fixture('kubectl-workloads-ready.json') };
    if (line.includes('logs -l component=speaker')) return { stdout: '{"caller":"main.go:420","event":"serviceAnnounced","ip":["192.168.49.240"]}\n' };
    return { stdout: '' };
  };

  it('a pending address fails before the client checks, with MetalLB’s diagnosis', async () => {
    let ran = false;
    const ctx = testContext([], cluster('kubectl-services-pending.json'));
    const err = await failure(verifyDeployment(ctx, IP, async () => ((ran = true), [])));
    expect(ran).toBe(false);
    expect(err.message).toMatch(/do not have 192\.168\.49\.240:\n {2}- wordpress/);
    expect(err.detail).toMatch(/node labels[\s\S]*servicel2statuses[\s\S]*speaker log[\s\S]*serviceAnnounced/);
  });

  it('a failed client check is named, with the address and the service’s diagnosis', async () => {
    const ctx = testContext([], cluster('kubectl-services-ok.json'));
    const err = await failure(
      verifyDeployment(ctx, IP, async (t) => [
        { name: 'HTTP 80 redirects to https', ok: true, message: '301', service: 'nginx' },
        { name: `FTPS upload and download on ${t.address}`, ok: false, message: 'TLS handshake: connection reset', service: 'ftps' },
      ]),
    );
    expect(err.message).toBe(`verify: 1 of 2 checks failed:\n  - FTPS upload and download on ${IP}: TLS handshake: connection reset`);
    expect(err.detail).toMatch(/--- the load-balancer address ---[\s\S]*--- ftps ---[\s\S]*ftps-0/);
    expect(ctx.said).toContain(`  FAIL FTPS upload and download on ${IP}: TLS handshake: connection reset`);
  });

  it('passes when the addresses and every check pass', async () => {
    const ctx = testContext([], cluster('kubectl-services-ok.json'));
    await verifyDeployment(ctx, IP, async ({ say }) => (say('  ok   ssh-login'), [{ name: 'SSH as the user', ok: true, message: '' }]));
    expect(ctx.said).toContain('  ok   ssh-login');
    expect(ctx.said.some((l) => l.includes('FAIL'))).toBe(false);
  });
});
