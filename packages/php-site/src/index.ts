/** Public API of @ft/php-site: see README.md. */
export { phpSitePlatforms, type PhpSitePlatform } from './platform.js';
export { phpSiteEnv, type PhpSiteEnvShape, type PhpSiteConfig } from './env.js';
export { agentDirs, bracketHost, phpSitePaths, probeHost, urlHost, webUserDirs, type PhpSitePaths } from './paths.js';
export { unixSocketCheck } from './unix-socket-check.js';
export { phpString } from './php-literal.js';
export { sitePaths, statusUrls, type PhpSiteContext } from './site-context.js';
export { phpSiteTemplates, phpSiteTemplateVars, TLS_SETTINGS, type PhpSiteTemplateSite } from './template-vars.js';
export { webUserAccount, webUserOwner } from './web-user.js';
export { nginxProcess, phpFpmProcess, phpIniArgs, phpSiteProcesses, type PhpFpmOptions } from './daemons.js';
export { httpsPageCheck, phpFpmPingCheck, type HttpsPageOptions } from './checks.js';
export { phpSiteCollectors } from './collectors.js';
export { makeAgentDir, phpSiteInitSteps, webUserDirsStep, webUserReadableStep, type PhpSiteInitOptions } from './init.js';
