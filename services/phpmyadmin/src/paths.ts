/** Where phpMyAdmin's own files live at run time, under AGENT_RUN_DIR (php-site's paths are beside them). */
import path from 'node:path';

export interface PmaPaths {
  /** The rendered config.inc.php (secret: the agent's, 0640, group the web user's). */
  configFile: string;
  /** PHP sessions and phpMyAdmin's TempDir (twig cache, uploads): written by the workers. */
  sessionDir: string;
  tmpDir: string;
}

export function pmaPaths(runDir: string): PmaPaths {
  const dir = path.join(runDir, 'phpmyadmin');
  return { configFile: path.join(dir, 'config.inc.php'), sessionDir: path.join(dir, 'sessions'), tmpDir: path.join(dir, 'tmp') };
}
