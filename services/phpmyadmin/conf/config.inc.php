<?php
// phpMyAdmin configuration of this instance, rendered by the phpmyadmin agent from its environment.
// Included through config-hook.php (FT_PMA_CONFIG); replaces every server another file declared.

// 32 bytes (sodium's key size) derived from PMA_BLOWFISH_SECRET: no "wrong length" warning.
$cfg['blowfish_secret'] = hex2bin('{{pma.blowfishHex}}');

$cfg['Servers'] = [
    1 => [
        'verbose' => 'MySQL',
        'auth_type' => 'cookie',
        'host' => {{pma.host}},
        'port' => {{pma.port}},
        'connect_type' => 'tcp',
        'compress' => false,
        'AllowRoot' => false,
        'AllowNoPassword' => false,
    ],
];
$cfg['ServerDefault'] = 1;

// Empty: phpMyAdmin builds its links and redirects from the request path (relative, or rooted at
// its own `/`), never with a host or port, so the nginx service can proxy /phpmyadmin/ to it and
// rewrite Location and cookie paths.
$cfg['PmaAbsoluteUri'] = '';

$cfg['TempDir'] = {{pma.tmpDirPhp}};
$cfg['UploadDir'] = '';
$cfg['SaveDir'] = '';
$cfg['VersionCheck'] = false;
$cfg['SendErrorReports'] = 'never';
$cfg['ShowPhpInfo'] = false;
