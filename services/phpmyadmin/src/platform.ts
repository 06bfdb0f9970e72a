/** The phpmyadmin profile: nginx + php-fpm from @ft/php-site, plus where phpMyAdmin lives. */
import { phpSitePlatforms, type PhpSitePlatform } from '@ft/php-site';

export type PhpmyadminPlatform = PhpSitePlatform & {
  /** Where phpMyAdmin's code lives. */
  readonly webRoot: string;
  /** Where the static hook goes through which phpMyAdmin reads the rendered config. */
  readonly configHook: string;
};

export const platforms: Readonly<Record<'alpine' | 'debian', PhpmyadminPlatform>> = {
  alpine: {
    ...phpSitePlatforms.alpine,
    /** The pinned upstream release, unpacked by the Dockerfile. */
    webRoot: '/usr/share/webapps/phpmyadmin',
    /** Upstream's vendor_config.php reads <web root>/config.inc.php. */
    configHook: '/usr/share/webapps/phpmyadmin/config.inc.php',
  },
  debian: {
    ...phpSitePlatforms.debian,
    webRoot: '/usr/share/phpmyadmin',
    /** Debian's /etc/phpmyadmin/config.inc.php includes conf.d/*.php last. */
    configHook: '/etc/phpmyadmin/conf.d/ft-services.php',
  },
};
