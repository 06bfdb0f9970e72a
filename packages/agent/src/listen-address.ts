/** The address the agent's own probes and collectors use for a listener of its container. */

/** A wildcard listener is reached on loopback, a specific address on itself. */
export function probeHost(listenHost: string): string {
  if (listenHost === '0.0.0.0' || listenHost === '') return '127.0.0.1';
  if (listenHost === '::' || listenHost === '[::]') return '::1';
  return listenHost;
}

/** An address as URLs, nginx and Go's net.Listen want it: an IPv6 literal in brackets. */
export function bracketHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** host:port, bracketing an IPv6 literal. */
export function hostPort(host: string, port: number): string {
  return `${bracketHost(host)}:${port}`;
}
