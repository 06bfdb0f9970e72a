/**
 * Test support: a real MariaDB with a WordPress database, reached by Debian's WordPress through a
 * config file of its own in /etc/wordpress (selected by WORDPRESS_CONFIG, as nginx would), and
 * php-cli calls into that WordPress to read back what seeding wrote.
 */
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { run, startMariadb, type MariadbServer } from '@ft/testkit';
import { openConnection, type Connection } from '../src/index.js';

export const WORDPRESS_DIR = '/usr/share/wordpress';

export interface WordPressDb {
  db: MariadbServer;
  /** WORDPRESS_CONFIG value selecting /etc/wordpress/config-<name>.php. */
  configName(prefix: string): Promise<string>;
  connect(): Promise<Connection>;
  /** Runs `code` inside a loaded WordPress (wp-load.php) of `prefix`; `input` is JSON in $in. */
  php(prefix: string, code: string, input?: unknown): Promise<string>;
  stop(): Promise<void>;
}

export async function startWordPressDb(): Promise<WordPressDb> {
  const db = await startMariadb({ database: 'wordpress', user: 'wpuser', password: `pw-${randomBytes(8).toString('hex')}` });
  const id = randomBytes(5).toString('hex');
  const files = new Map<string, string>();
  const configName = async (prefix: string): Promise<string> => {
    const name = `ftseedtest-${id}-${prefix.replace(/_/g, '')}`;
    if (!files.has(name)) {
      const file = `/etc/wordpress/config-${name}.php`;
      const php = [
        '<?php',
        `define('DB_NAME', 'wordpress');`,
        `define('DB_USER', 'wpuser');`,
        `define('DB_PASSWORD', ${JSON.stringify(db.password)});`,
        `define('DB_HOST', '127.0.0.1:${db.port}');`,
        `define('DB_CHARSET', 'utf8mb4');`,
        `define('DB_COLLATE', '');`,
        `$table_prefix = '${prefix}';`,
        '',
      ].join('\n');
      await writeFile(file, php, { mode: 0o644 });
      files.set(name, file);
    }
    return name;
  };
  return {
    db,
    configName,
    connect: () => openConnection({ host: db.host, port: db.port, user: 'wpuser', password: db.password ?? '', database: 'wordpress' }),
    async php(prefix, code, input = null) {
      const program = `$_SERVER['HTTP_HOST'] = 'wp.test'; $_SERVER['WORDPRESS_CONFIG'] = ${JSON.stringify(await configName(prefix))};
        require '${WORDPRESS_DIR}/wp-load.php'; $in = json_decode(stream_get_contents(STDIN), true); ${code}`;
      return (await run('php', ['-d', 'display_errors=stderr', '-r', program], { input: JSON.stringify(input) })).stdout;
    },
    async stop() {
      for (const file of files.values()) await rm(file, { force: true });
      await db.stop();
    },
  };
}
