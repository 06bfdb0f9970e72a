/** Values for conf/wp-config.php and conf/nginx.conf, PHP values already as quoted literals. */
import { bracketHost, phpString } from '@ft/php-site';
import { SALT_NAMES, type SaltName, type WordPressContext } from './env.js';
import { debianConfigName, renderedConfigPath } from './paths.js';
import { uploadsDir } from './uploads.js';

export interface WordPressTemplateVars {
  dbName: string;
  dbUser: string;
  dbPassword: string;
  dbHost: string;
  salts: Record<SaltName, string>;
  tablePrefix: string;
  abspath: string;
  renderedConfig: string;
  /** '' on platforms without Debian's config loader. */
  debianConfigName: string;
  /** The uploads directory, served as /wp-content/uploads/. */
  uploadsDir: string;
  /** 'true' unless WORDPRESS_PLUGINS_WRITABLE: a PHP literal for DISALLOW_FILE_MODS. */
  disallowFileMods: 'true' | 'false';
}

export function wordpressTemplateVars(ctx: WordPressContext): WordPressTemplateVars {
  const c = ctx.config;
  const salts = Object.fromEntries(SALT_NAMES.map((name) => [name, phpString(c[`WORDPRESS_${name}`])])) as Record<SaltName, string>;
  return {
    dbName: phpString(c.WORDPRESS_DB_NAME),
    dbUser: phpString(c.WORDPRESS_DB_USER),
    dbPassword: phpString(c.WORDPRESS_DB_PASSWORD),
    // Never 'localhost' semantics: WordPress (mysqli) would use a unix socket; host:port is TCP.
    dbHost: phpString(`${bracketHost(c.MYSQL_HOST)}:${c.MYSQL_PORT}`),
    salts,
    tablePrefix: phpString(c.WORDPRESS_TABLE_PREFIX),
    abspath: phpString(`${ctx.platform.wordpressDir.replace(/\/+$/, '')}/`),
    renderedConfig: phpString(renderedConfigPath(ctx.agent.AGENT_RUN_DIR)),
    debianConfigName: ctx.platform.debianConfigDir ? debianConfigName(ctx.agent.AGENT_RUN_DIR) : '',
    uploadsDir: uploadsDir(ctx),
    disallowFileMods: c.WORDPRESS_PLUGINS_WRITABLE ? 'false' : 'true',
  };
}
