import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDebianConfigName, renderFixture } from './wordpress-servers.js';

const FIXTURES = new URL('../fixtures/stock/', import.meta.url).pathname;
const VALUES = {
  runDir: '/tmp/x/stock',
  address: '127.0.0.10',
  port: 5051,
  tlsCert: '/s/tls/tls.crt',
  tlsKey: '/s/tls/tls.key',
  wordpressConfig: 'ft-0123456789abcdef',
  siteHost: '127.0.0.10:5050',
};

describe('stock fixtures', () => {
  it('every fixture renders with the values the benchmark gives, no placeholder left', async () => {
    for (const file of await readdir(FIXTURES)) {
      const text = renderFixture(await readFile(path.join(FIXTURES, file), 'utf8'), VALUES);
      expect(text, file).not.toContain('{{');
      expect(text, file).toContain('/tmp/x/stock/');
    }
  });

  it("the stock pool is Debian's defaults and the stock nginx has no cache", async () => {
    const fpm = await readFile(path.join(FIXTURES, 'php-fpm.conf'), 'utf8');
    for (const line of ['pm = dynamic', 'pm.max_children = 5', 'pm.start_servers = 2', 'pm.min_spare_servers = 1', 'pm.max_spare_servers = 3'])
      expect(fpm).toContain(line);
    expect(fpm).not.toMatch(/^php_(admin_)?value/m);
    const nginx = await readFile(path.join(FIXTURES, 'nginx.conf'), 'utf8');
    expect(nginx).not.toMatch(/fastcgi_cache/);
  });

  it('a placeholder without a value is an error', () => {
    expect(() => renderFixture('listen {{address}}:{{nope}};', VALUES)).toThrow(/\{\{nope\}\}/);
  });
});

describe('findDebianConfigName', () => {
  it("finds the include that requires this run dir's wp-config.php, not another one", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ft-wpconf-'));
    try {
      await writeFile(path.join(dir, 'config-ft-aaaa.php'), "<?php\nrequire '/other/run/wordpress/wordpress/wp-config.php';\n");
      await writeFile(path.join(dir, 'config-ft-bbbb.php'), "<?php\nrequire '/state/run/wordpress/wordpress/wp-config.php';\n");
      await writeFile(path.join(dir, 'config-default.php'), '<?php\n');
      expect(await findDebianConfigName('/state/run/wordpress', dir)).toBe('ft-bbbb');
      await expect(findDebianConfigName('/nowhere', dir)).rejects.toThrow(/no .*config-ft-\*\.php requires/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
