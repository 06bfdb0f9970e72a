import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '@ft/testkit';
import { EXIT, TemplateError, TemplateValueError } from './errors.js';
import { renderOne, renderTemplates, writeRendered } from './templates.js';

describe('templates', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('templates');
    await mkdir(path.join(dir, 'conf'));
    await writeFile(
      path.join(dir, 'conf/ok.conf'),
      'listen {{PORT}};\nroot {{platform.root}};\n{{#each users}}user {{this}};\n{{/each}}ports {{join ports " "}}\n',
    );
    await writeFile(path.join(dir, 'conf/typo.conf'), 'listen {{PROT}};\n');
  });
  afterAll(() => removeDir(dir));

  it('renders values, nested platform data, lists, and does not HTML-escape', () => {
    expect(renderOne('t', 'a={{A}} b={{p.x}}', { A: '<&>"', p: { x: 1 } })).toBe('a=<&>" b=1');
  });

  it('writes rendered files with their mode, atomically', async () => {
    const files = await renderTemplates(path.join(dir, 'conf'), [{ source: 'ok.conf', target: path.join(dir, 'out/ok.conf'), mode: 0o640 }], {
      PORT: 8080,
      platform: { root: '/srv' },
      users: ['a', 'b'],
      ports: [1, 2],
    });
    await writeRendered(files);
    expect(await readFile(path.join(dir, 'out/ok.conf'), 'utf8')).toBe('listen 8080;\nroot /srv;\nuser a;\nuser b;\nports 1 2\n');
    expect((await stat(path.join(dir, 'out/ok.conf'))).mode & 0o777).toBe(0o640);
  });

  it('an unknown variable is an error naming the template and the variable', async () => {
    const attempt = renderTemplates(path.join(dir, 'conf'), [{ source: 'typo.conf', target: '/tmp/x' }], { PORT: 1 });
    await expect(attempt).rejects.toBeInstanceOf(TemplateError);
    await expect(attempt).rejects.toThrow(/template typo.conf: unknown variable or bad syntax: "PROT" not defined/);
  });

  it('a missing template file is an error naming it', async () => {
    await expect(renderTemplates(path.join(dir, 'conf'), [{ source: 'nope.conf', target: '/tmp/x' }], {})).rejects.toThrow(/template nope.conf: cannot read/);
  });

  it('refuses a control character in any value it renders, naming the template, the variable and the setting', () => {
    const context = {
      AGENT_RUN_DIR: '/run/ft\ninit-file=/tmp/evil.sql',
      paths: { pidFile: '/run/ft\ninit-file=/tmp/evil.sql/mysqld.pid' },
      agent: { AGENT_POD_NAME: 'grafana\r\n[auth.proxy]' },
      list: ['ok', 'bad\0'],
    };
    const attempt = (source: string) => {
      try {
        renderOne('my.cnf', source, context);
      } catch (err) {
        return err as TemplateValueError;
      }
      throw new Error(`rendered ${source}`);
    };
    const pid = attempt('[mysqld]\npid-file = {{paths.pidFile}}\n');
    expect(pid).toBeInstanceOf(TemplateValueError);
    expect(pid.code).toBe('FT_ERR_TEMPLATE_VALUE');
    expect(pid.exitCode).toBe(EXIT.config);
    expect(pid.message).toBe(
      'template my.cnf: paths.pidFile (from AGENT_RUN_DIR) holds a line feed (\\n); a value rendered into a config may not carry a line break or other control character',
    );
    expect(pid.message).not.toContain('evil');
    expect(attempt('instance_name = {{agent.AGENT_POD_NAME}}').message).toMatch(/^template my.cnf: agent.AGENT_POD_NAME holds a carriage return/);
    expect(attempt('{{#each list}}{{this}}\n{{/each}}').message).toMatch(/list\.1 holds a NUL byte/);
    expect(attempt('{{join list " "}}').message).toMatch(/list\.1 holds a NUL byte/);
    expect(attempt('{{{AGENT_RUN_DIR}}}').variable).toBe('AGENT_RUN_DIR');
    // A class instance is left as it is, so that its own methods still work.
    expect(renderOne('t', '{{u}}', { u: new URL('https://example.org/x') })).toBe('https://example.org/x');
    // Values without one render as before; the template's own line breaks are its business.
    expect(renderOne('t', 'a={{A}}\nb={{n}}\n', { A: 'x', n: 1, BAD: 'x\ny' })).toBe('a=x\nb=1\n');
  });

  it('a relative target is refused', async () => {
    await expect(writeRendered([{ spec: { source: 'a', target: 'relative/a' }, content: '' }])).rejects.toThrow(/not an absolute path/);
  });
});
