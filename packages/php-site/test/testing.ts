/** `@ft/php-site/testing`: what the two php sites' tests share. */
export * from './hardening-checks.js';
export { pmaEnv, PMA_BLOWFISH_SECRET } from './phpmyadmin-env.js';
