/** Public API of @ft/php-site: see README.md. */
export { phpSitePlatforms, type PhpSitePlatform } from './platform.js';
export { phpSiteEnv, type PhpSiteEnvShape, type PhpSiteConfig } from './env.js';
export { agentDirs, bracketHost, phpSitePaths, probeHost, urlHost, webUserDirs, type PhpSitePaths } from './paths.js';
export { unixSocketCheck } from './unix-socket-check.js';
export { phpString } from './php-literal.js';
export {
  httpsPageCheck,
  nginxProcess,
  phpFpmPingCheck,
  phpFpmProcess,
  phpIniArgs,
  phpSiteCollectors,
  phpSiteInitSteps,
  phpSiteProcesses,
  phpSiteTemplates,
  phpSiteTemplateVars,
  sitePaths,
  statusUrls,
  webUserAccount,
  webUserDirsStep,
  webUserOwner,
  webUserReadableStep,
  makeAgentDir,
  TLS_SETTINGS,
  type PhpSiteTemplateSite,
  type HttpsPageOptions,
  type PhpSiteContext,
  type PhpSiteInitOptions,
  type PhpFpmOptions,
} from './site.js';
