<?php
/*
 * Rendered by the wordpress agent from its environment at every start; edits here are lost.
 * Secrets inside: owned by the agent's user, readable by the web user's group (0640).
 */
define('DB_NAME', {{{wp.dbName}}});
define('DB_USER', {{{wp.dbUser}}});
define('DB_PASSWORD', {{{wp.dbPassword}}});
define('DB_HOST', {{{wp.dbHost}}});
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');

{{#each wp.salts}}
define('{{@key}}', {{{this}}});
{{/each}}

$table_prefix = {{{wp.tablePrefix}}};

// The code comes from the image (or the distribution's package): never edited from the dashboard;
// plugins and themes installed from it only with WORDPRESS_PLUGINS_WRITABLE=true.
define('DISALLOW_FILE_EDIT', true);
define('DISALLOW_FILE_MODS', {{wp.disallowFileMods}});
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
// nginx in this container terminates TLS: the dashboard and login only over https.
define('FORCE_SSL_ADMIN', true);
define('WP_DEBUG', false);

if (!defined('ABSPATH')) {
    define('ABSPATH', {{{wp.abspath}}});
}
{{#if platform.wpConfigLoadsSettings}}
require_once ABSPATH . 'wp-settings.php';
{{/if}}
