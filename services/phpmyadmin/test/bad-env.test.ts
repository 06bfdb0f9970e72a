/** Missing or malformed environment: exit 78 before anything starts, naming the variable, showing no secret. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAgentProcess } from '@ft/testkit';
import { expectConfigExit } from '@ft/testkit/expect';
import { bundle, pmaEnv } from './support.js';

describe('phpmyadmin agent with bad environment', () => {
  const shortSecret = 'only-twenty-chars-xx';
  const cases: { variable: string; value: string | undefined; says: RegExp; secret?: string }[] = [
    { variable: 'PMA_BLOWFISH_SECRET', value: undefined, says: /^config error: PMA_BLOWFISH_SECRET: is not set; expected a secret of at least 32 characters/ },
    {
      variable: 'PMA_BLOWFISH_SECRET',
      value: shortSecret,
      says: /^config error: PMA_BLOWFISH_SECRET: is malformed: expected a secret of at least 32 characters$/,
      secret: shortSecret,
    },
    { variable: 'PHPMYADMIN_PORT', value: 'http', says: /^config error: PHPMYADMIN_PORT: is malformed: expected a TCP port number 1-65535 \(got "http"\)/ },
    { variable: 'PHPMYADMIN_PORT', value: '65536', says: /^config error: PHPMYADMIN_PORT: is malformed/ },
    { variable: 'STATUS_PORT', value: '0', says: /^config error: STATUS_PORT: is malformed/ },
    { variable: 'MYSQL_PORT', value: '3306x', says: /^config error: MYSQL_PORT: is malformed/ },
    { variable: 'MYSQL_HOST', value: "db'); phpinfo(); //", says: /^config error: MYSQL_HOST: is malformed: expected a host name or IP address/ },
    { variable: 'LISTEN_HOST', value: 'any host', says: /^config error: LISTEN_HOST: is malformed/ },
  ];

  it.each(cases)('$variable=$value -> exit 78 naming it', async ({ variable, value, says, secret }) => {
    const env = await pmaEnv({ [variable]: value });
    const agent = startAgentProcess(bundle, env);
    try {
      await expectConfigExit(agent, { says, secret });
      // Nothing was rendered or started.
      expect(existsSync(path.join(env.AGENT_RUN_DIR ?? '', 'nginx.conf'))).toBe(false);
    } finally {
      await agent.stop();
    }
  });

  it('TLS_CERT without TLS_KEY -> init fails, exit 70 naming both', async () => {
    const agent = startAgentProcess(bundle, await pmaEnv({ TLS_CERT: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' }));
    try {
      const exit = await agent.exit;
      expect(exit.code).toBe(70);
      expect(agent.raw.join('\n')).toMatch(/TLS_CERT and TLS_KEY/);
    } finally {
      await agent.stop();
    }
  });
});
