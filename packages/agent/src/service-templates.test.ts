import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '@ft/testkit';
import { vars } from './env-types.js';
import { ConfigError, TemplateError, TemplateValueError } from './errors.js';
import { renderDefinitionTemplates, renderServiceTemplates, serviceTemplateContext } from './service-templates.js';
import { defineService } from './types.js';

describe('renderServiceTemplates', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('service-templates');
    await mkdir(path.join(dir, 'conf'));
    await writeFile(
      path.join(dir, 'conf/app.conf'),
      'listen {{APP_PORT}}; bin {{platform.bin}} on {{platform.name}}; run {{agent.AGENT_RUN_DIR}}; extra {{extra}}\n',
    );
    await writeFile(path.join(dir, 'conf/typo.conf'), 'listen {{APP_PROT}}\n');
  });
  afterAll(() => removeDir(dir));

  const define = (source: string) =>
    defineService({
      name: 'app',
      env: { APP_PORT: vars.port() },
      platforms: { alpine: { bin: '/usr/sbin/app84' }, debian: { bin: '/usr/sbin/app8.2' } },
      templateDir: path.join(dir, 'conf'),
      templates: (ctx) => [{ source, target: `${ctx.agent.AGENT_RUN_DIR}/${source}` }],
      templateVars: () => ({ extra: 'yes' }),
      processes: () => [],
    });

  it('renders config, platform, agent settings and templateVars for each platform', async () => {
    const env = { APP_PORT: '8080', AGENT_RUN_DIR: '/run/app' };
    const [alpine] = await renderServiceTemplates(define('app.conf'), env, 'alpine');
    const [debian] = await renderServiceTemplates(define('app.conf'), env, 'debian');
    expect(alpine?.content).toBe('listen 8080; bin /usr/sbin/app84 on alpine; run /run/app; extra yes\n');
    expect(debian?.content).toBe('listen 8080; bin /usr/sbin/app8.2 on debian; run /run/app; extra yes\n');
    expect(debian?.spec.target).toBe('/run/app/app.conf');
  });

  it('AGENT_RUN_DIR and AGENT_POD_NAME are validated for what they are: a line break injects nothing', async () => {
    const cases: [string, string][] = [
      ['AGENT_RUN_DIR', '/run/app\ninit-file=/tmp/evil.sql'],
      ['AGENT_RUN_DIR', 'run/app'],
      ['AGENT_RUN_DIR', '/'],
      ['AGENT_RUN_DIR', '/etc'],
      ['AGENT_POD_NAME', 'app-0\n[auth.proxy]\nenabled = true'],
      ['AGENT_POD_NAME', 'app 0'],
    ];
    for (const [name, value] of cases) {
      const attempt = renderServiceTemplates(define('app.conf'), { APP_PORT: '1', [name]: value }, 'debian');
      await expect(attempt, `${name}=${JSON.stringify(value)}`).rejects.toBeInstanceOf(ConfigError);
      await expect(attempt).rejects.toThrow(new RegExp(`^${name}: is malformed`));
    }
  });

  it('the renderer refuses a line break that got past the validators, naming the setting', async () => {
    const ctx = serviceTemplateContext(define('app.conf'), { APP_PORT: '1', AGENT_RUN_DIR: '/run/app' }, 'debian');
    ctx.agent.AGENT_RUN_DIR = '/run/app\ninclude /tmp/evil';
    const attempt = renderDefinitionTemplates(define('app.conf'), ctx);
    await expect(attempt).rejects.toBeInstanceOf(TemplateValueError);
    await expect(attempt).rejects.toThrow(/^template app.conf: agent.AGENT_RUN_DIR holds a line feed/);
  });

  it('a template naming an unknown variable fails', async () => {
    await expect(renderServiceTemplates(define('typo.conf'), { APP_PORT: '1' }, 'debian')).rejects.toBeInstanceOf(TemplateError);
  });
});
