<?php
// ft_services: the one phpMyAdmin config file that is part of the system (Debian:
// /etc/phpmyadmin/conf.d/ft-services.php, included by /etc/phpmyadmin/config.inc.php; the image:
// <web root>/config.inc.php). It holds nothing itself: each phpmyadmin agent renders its own
// configuration under AGENT_RUN_DIR and names it in its php-fpm pool's FT_PMA_CONFIG, so several
// instances on one host never share or overwrite a configuration. Without FT_PMA_CONFIG (any
// other web server on the host) this file does nothing.
$ftPmaConfig = getenv('FT_PMA_CONFIG');
if (is_string($ftPmaConfig) && $ftPmaConfig !== '') {
    require $ftPmaConfig;
}
unset($ftPmaConfig);
