/**
 * No injection through a setting: each setting this service renders is given a line break and a
 * directive of the config's own format, once through the environment (the validators refuse it,
 * exit 78 naming it) and once past the validators (the renderer refuses it, naming the template and
 * the setting). Run against the service's real templates, one config format at a time.
 */
import { describe, expect, it } from 'vitest';
import { probeInjection, type EnvShape, type PlatformData, type ServiceDefinition } from '@ft/agent';
import { ftps } from '../src/service.js';

/** Asserts that nothing got through, and returns setting -> the template whose renderer refused it. */
async function refusals(
  def: ServiceDefinition<EnvShape, PlatformData>,
  env: Record<string, string>,
  platform: 'alpine' | 'debian',
  templates: string[],
  directive: string,
  secrets: readonly string[] = [],
): Promise<Record<string, string>> {
  const outcomes = await probeInjection(def, env, platform, { directive, templates });
  expect(outcomes.map((o) => o.setting).sort()).toEqual([...new Set(['AGENT_RUN_DIR', 'AGENT_POD_NAME', ...Object.keys(env)])].sort());
  for (const o of outcomes) {
    expect(o.injectedInto, `${o.setting} injected into`).toEqual([]);
    if (!secrets.includes(o.setting)) expect(o.refusedBySetting, `${o.setting} refused by its validator`).toBe(true);
  }
  return Object.fromEntries(outcomes.flatMap((o) => (o.refusedByRenderer ? [[o.setting, o.refusedByRenderer.template]] : [])));
}

const ENV = {
  FTP_USER: 'alice',
  FTP_PASSWORD: 'a-long-password',
  EXTERNAL_HOST: 'ftp.example.org',
  LISTEN_HOST: '0.0.0.0',
  FTP_PORT: '21',
  FTP_DATA_DIR: '/srv/ftp',
  AGENT_RUN_DIR: '/run/ft',
  AGENT_POD_NAME: 'ftps-0',
};
const def = ftps as unknown as ServiceDefinition<EnvShape, PlatformData>;

describe.each(['alpine', 'debian'] as const)('vsftpd.conf and its user list on %s: no injection through a setting', (platform) => {
  it('a line break plus ssl_enable=NO is refused in every setting vsftpd.conf carries', async () => {
    expect(await refusals(def, ENV, platform, ['vsftpd.conf'], 'ssl_enable=NO', ['FTP_PASSWORD'])).toEqual({
      AGENT_RUN_DIR: 'vsftpd.conf',
      EXTERNAL_HOST: 'vsftpd.conf',
      LISTEN_HOST: 'vsftpd.conf',
      FTP_PORT: 'vsftpd.conf',
    });
  });

  it('a second user name cannot be slipped into the user list', async () => {
    expect(await refusals(def, ENV, platform, ['user_list'], 'root', ['FTP_PASSWORD'])).toEqual({ FTP_USER: 'user_list' });
  });
});
