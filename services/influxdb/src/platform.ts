/** What differs between the image (Alpine) and a Debian host: data only. */
export const platforms = {
  // The Dockerfile installs the official static 1.x build to /usr/bin and creates the user.
  alpine: { influxd: '/usr/bin/influxd', user: 'influxdb' },
  // Debian's influxdb package (1.6) and the system user it creates.
  debian: { influxd: '/usr/bin/influxd', user: 'influxdb' },
} as const;

export type InfluxdbPlatform = (typeof platforms)['alpine'];
