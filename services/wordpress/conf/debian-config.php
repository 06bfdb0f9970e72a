<?php
/*
 * Written by a wordpress agent: Debian's
 * /usr/share/wordpress/wp-config.php includes this file when nginx passes
 * WORDPRESS_CONFIG={{wp.debianConfigName}}; the settings themselves are rendered there.
 */
require {{{wp.renderedConfig}}};
