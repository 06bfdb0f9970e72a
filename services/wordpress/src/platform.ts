/** Where WordPress lives on each platform; data only, beside php-site's nginx/php-fpm facts. */
import { phpSitePlatforms, type PhpSitePlatform } from '@ft/php-site';

export type WordPressPlatform = PhpSitePlatform & {
  /** ABSPATH: the WordPress code (read-only). */
  readonly wordpressDir: string;
  /**
   * Debian's packaged wp-config.php includes /etc/wordpress/config-<WORDPRESS_CONFIG>.php and then
   * wp-settings.php itself; the image's tarball has no such loader, so its wp-config.php is a link
   * to the rendered file, which then loads wp-settings.php. '' = no Debian loader.
   */
  readonly debianConfigDir: string;
  readonly wpConfigLoadsSettings: boolean;
};

export const wordpressPlatforms: Readonly<Record<'alpine' | 'debian', WordPressPlatform>> = {
  alpine: {
    ...phpSitePlatforms.alpine,
    // The pinned release tarball, unpacked by the Dockerfile.
    wordpressDir: '/usr/share/webapps/wordpress',
    debianConfigDir: '',
    wpConfigLoadsSettings: true,
  },
  debian: {
    ...phpSitePlatforms.debian,
    wordpressDir: '/usr/share/wordpress',
    debianConfigDir: '/etc/wordpress',
    wpConfigLoadsSettings: false,
  },
};
