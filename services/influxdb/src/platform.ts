/** What differs between the image (Alpine) and a Debian host: data only. */
export interface InfluxdbPlatform {
  readonly [key: string]: string | boolean;
  readonly influxd: string;
  readonly user: string;
  /**
   * Whether this influxd can put /debug/vars, /debug/requests and /debug/pprof behind an admin's
   * credentials: `pprof-enabled` with `pprof-auth-enabled` (and auth on) routes them through
   * authentication, admin required (services/httpd/handler.go, 1.7.x and later, 1.13 included).
   * 1.6 has neither option and serves /debug/vars to anyone: pprof stays off there.
   */
  readonly debugBehindAuth: boolean;
}

export const platforms: Readonly<Record<'alpine' | 'debian', InfluxdbPlatform>> = {
  // The Dockerfile installs the official static 1.x build (1.13) to /usr/bin and creates the user.
  alpine: { influxd: '/usr/bin/influxd', user: 'influxdb', debugBehindAuth: true },
  // Debian's influxdb package (1.6) and the system user it creates.
  debian: { influxd: '/usr/bin/influxd', user: 'influxdb', debugBehindAuth: false },
};
