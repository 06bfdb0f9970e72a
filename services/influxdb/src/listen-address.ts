/** The address this container's own probes use for the influxd HTTP listener. */
import { hostPort, probeHost } from '@ft/agent';

/** http://host:port for a probe of the listener bound to listenHost. */
export function localUrl(listenHost: string, port: number): string {
  return `http://${hostPort(probeHost(listenHost), port)}`;
}
