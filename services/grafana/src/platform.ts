/**
 * Where Grafana lives on each platform. Alpine's grafana package (community): the binary
 * /usr/bin/grafana (/usr/sbin/grafana-server is a shell wrapper that execs `grafana server`), home
 * /usr/share/grafana holding conf/defaults.ini, user grafana. Debian has no Grafana package; the
 * debian profile fits Grafana's own .deb for the local mode where it is installed.
 */
export interface GrafanaPlatform {
  [key: string]: string;
  grafanaBin: string;
  home: string;
  user: string;
}

export const platforms: Readonly<Record<'alpine' | 'debian', GrafanaPlatform>> = {
  alpine: { grafanaBin: '/usr/bin/grafana', home: '/usr/share/grafana', user: 'grafana' },
  debian: { grafanaBin: '/usr/share/grafana/bin/grafana', home: '/usr/share/grafana', user: 'grafana' },
};
