/** Where the influxd HTTP listener binds, and the address this container's own probes use for it. */

/** host:port as Go's net.Listen takes it: an IPv6 literal in brackets. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A wildcard bind is reached through loopback; a specific address only through itself. */
function localAddress(listenHost: string): string {
  if (listenHost === '0.0.0.0' || listenHost === '') return '127.0.0.1';
  if (listenHost === '::') return '::1';
  return listenHost;
}

/** http://host:port/ for a probe of the listener bound to listenHost. */
export function localUrl(listenHost: string, port: number): string {
  return `http://${hostPort(localAddress(listenHost), port)}`;
}
