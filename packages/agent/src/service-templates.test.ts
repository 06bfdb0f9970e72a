import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '@ft/testkit';
import { vars } from './env-types.js';
import { TemplateError } from './errors.js';
import { renderServiceTemplates } from './service-templates.js';
import { defineService } from './types.js';

describe('renderServiceTemplates', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('service-templates');
    await mkdir(path.join(dir, 'conf'));
    await writeFile(path.join(dir, 'conf/app.conf'), 'listen {{APP_PORT}}; bin {{platform.bin}} on {{platform.name}}; run {{agent.AGENT_RUN_DIR}}; extra {{extra}}\n');
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

  it('a template naming an unknown variable fails', async () => {
    await expect(renderServiceTemplates(define('typo.conf'), { APP_PORT: '1' }, 'debian')).rejects.toBeInstanceOf(TemplateError);
  });
});
