/**
 * The passive port range, checked as a whole: every port of it must be listed on the Kubernetes
 * Service, so it stays small, and vsftpd would silently pick ports outside a reversed range.
 */
import { ConfigError } from '@ft/agent';

/** Enough for a handful of simultaneous transfers; each port is one line on the Service. */
export const MAX_PASV_PORTS = 20;

export interface PassiveRange {
  min: number;
  max: number;
}

/** Throws ConfigError (exit 78) naming the variable that makes the range unusable. */
export function passiveRange(config: { FTP_PORT: number; FTP_PASV_MIN_PORT: number; FTP_PASV_MAX_PORT: number }): PassiveRange {
  const min = config.FTP_PASV_MIN_PORT;
  const max = config.FTP_PASV_MAX_PORT;
  if (max < min) {
    throw new ConfigError('FTP_PASV_MAX_PORT', `is malformed: expected a port >= FTP_PASV_MIN_PORT (${min}) (got "${max}")`);
  }
  if (max - min + 1 > MAX_PASV_PORTS) {
    throw new ConfigError(
      'FTP_PASV_MAX_PORT',
      `is malformed: expected at most ${MAX_PASV_PORTS} passive ports, FTP_PASV_MIN_PORT..${min + MAX_PASV_PORTS - 1} (got "${max}", ${max - min + 1} ports)`,
    );
  }
  if (config.FTP_PORT >= min && config.FTP_PORT <= max) {
    throw new ConfigError('FTP_PORT', `is malformed: expected a port outside the passive range ${min}-${max} (got "${config.FTP_PORT}")`);
  }
  return { min, max };
}
