/**
 * vsftpd's session caps. Behind the Service (externalTrafficPolicy: Cluster) every client arrives
 * from the node's address, so max_per_ip would count all clients as one: it is max_clients too.
 */
export const MAX_CLIENTS = 50;

export function sessionLimits(): { maxClients: number; maxPerIp: number } {
  return { maxClients: MAX_CLIENTS, maxPerIp: MAX_CLIENTS };
}
