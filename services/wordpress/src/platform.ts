/** Where WordPress lives on each platform; data only, beside php-site's nginx/php-fpm facts. */
import { phpSitePlatforms, type PhpSitePlatform } from '@ft/php-site';

export type WordPressPlatform = PhpSitePlatform & {
  /** ABSPATH: the WordPress code (read-only). */
  readonly wordpressDir: string;
  /** WP_CONTENT_DIR: plugins, themes, and uploads unless WORDPRESS_UPLOADS_DIR moves them. */
  readonly contentDir: string;
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
    contentDir: '/usr/share/webapps/wordpress/wp-content',
    debianConfigDir: '',
    wpConfigLoadsSettings: true,
  },
  debian: {
    ...phpSitePlatforms.debian,
    wordpressDir: '/usr/share/wordpress',
    // Debian's wp-config.php sets WP_CONTENT_DIR here (the package's /usr/share/wordpress/wp-content
    // holds only its bundled plugins and themes).
    contentDir: '/var/lib/wordpress/wp-content',
    debianConfigDir: '/etc/wordpress',
    wpConfigLoadsSettings: false,
  },
};
