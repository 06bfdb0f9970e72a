/** The environment handed to each service passes that service's own schema, on both targets. */
import { loadAgentSettings, loadConfig } from '@ft/agent';
import { agentEnv } from '@ft/agent';
import { isSecret } from '@ft/agent';
import { describe, expect, it } from 'vitest';
import { localLayout } from './local-layout.js';
import { generateSecrets } from './secrets.js';
import { SERVICE_ENV_SHAPES } from './service-schemas.js';
import { secretEnv, serviceEnv } from './service-env.js';
import { SERVICES } from '@ft/platform';

const secrets = generateSecrets();
const layout = localLayout({ stateDir: '/tmp/stack-env', address: '127.0.0.4', internalAddress: '127.0.0.5' });

describe.each(SERVICES)('%s', (service) => {
  const shape = { ...SERVICE_ENV_SHAPES[service], ...agentEnv };

  it('local: every variable is one the service or its agent reads, and the whole passes their schemas', () => {
    const { config, accounts, files } = serviceEnv(service, secrets, { kind: 'local', layout });
    const env = { ...config, ...accounts, ...files };
    const known = new Set([
      ...Object.keys(SERVICE_ENV_SHAPES[service]),
      ...Object.keys(agentEnv),
      ...Object.keys(SERVICE_ENV_SHAPES[service]).map((k) => `${k}_FILE`),
    ]);
    expect(Object.keys(env).filter((k) => !known.has(k))).toEqual([]);
    // TLS files are named, not yet made: stand in the PEM text the agent would read from them.
    const withTls = env.TLS_CERT_FILE
      ? { ...env, TLS_CERT_FILE: undefined, TLS_KEY_FILE: undefined, TLS_CERT: '-----BEGIN CERTIFICATE-----', TLS_KEY: 'k'.repeat(40) }
      : env;
    expect(() => loadConfig(SERVICE_ENV_SHAPES[service], withTls)).not.toThrow();
    const agent = loadAgentSettings(env);
    expect(agent.AGENT_HOST).toBe('127.0.0.5');
    expect(agent.AGENT_PORT).toBe(layout.services[service].agentPort);
    expect(agent.AGENT_PLATFORM).toBe('debian');
    expect(agent.AGENT_INFLUX_URL).toBe('http://127.0.0.5:8086');
    expect(agent.AGENT_INFLUX_USER).toBe(secrets.influxdb.write.user);
    expect(env.LISTEN_HOST).toBe(service === 'mysql' || service === 'influxdb' ? '127.0.0.5' : '127.0.0.4');
  });

  it('k8s: config + the Secret pass the schemas, and the secret part holds every generated value it reads', () => {
    const { config, accounts, files } = serviceEnv(service, secrets, { kind: 'k8s', externalHost: '192.168.49.100' });
    // The certificate's files are the mounted ft-tls, not on this host: stand in the PEM text.
    const tls = config.TLS_CERT_FILE
      ? { TLS_CERT_FILE: undefined, TLS_KEY_FILE: undefined, TLS_CERT: '-----BEGIN CERTIFICATE-----', TLS_KEY: 'k'.repeat(40) }
      : {};
    expect(() => loadConfig(SERVICE_ENV_SHAPES[service], { ...config, ...tls, ...accounts, ...files })).not.toThrow();
    expect(loadAgentSettings({ ...config, ...accounts, ...files }).AGENT_INFLUX_URL).toBe('http://influxdb:8086');
    expect(Object.keys(config).filter((k) => /PASSWORD|SECRET|_KEY$|SALT|USERS/.test(k))).toEqual([]);
    for (const value of Object.values(secretEnv(service, secrets))) expect(value).not.toMatch(/[\r\n]/);
  });

  it('files holds exactly the settings the schemas mark secret; accounts none of them', () => {
    const { accounts, files } = serviceEnv(service, secrets, { kind: 'k8s' });
    const secretNames = Object.keys(shape).filter((name) => isSecret(shape[name as keyof typeof shape]));
    expect(Object.keys(files).sort()).toEqual(
      Object.keys(secretEnv(service, secrets))
        .filter((n) => secretNames.includes(n))
        .sort(),
    );
    expect(Object.keys(accounts).filter((n) => secretNames.includes(n))).toEqual([]);
  });
});
