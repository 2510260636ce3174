/** NginxStatus is nginx's stub_status page: connection and request totals, no per-upstream rows. */
export interface NginxStatus {
  activeConnections: number;
  accepts: number;
  handled: number;
  requests: number;
}

/**
 * parseNginxStatus reads stub_status:
 *   Active connections: 2
 *   server accepts handled requests
 *    16 16 31
 *   Reading: 0 Writing: 1 Waiting: 1
 */
export function parseNginxStatus(text: string): NginxStatus {
  const active = /Active connections:\s*(\d+)/.exec(text);
  const totals = /server accepts handled requests\s+(\d+)\s+(\d+)\s+(\d+)/.exec(text);
  if (!active || !totals) throw new Error('not an nginx stub_status page');
  return { activeConnections: Number(active[1]), accepts: Number(totals[1]), handled: Number(totals[2]), requests: Number(totals[3]) };
}
