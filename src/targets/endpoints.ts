import { redactUrl } from './redact.ts';

/**
 * TargetEndpoints are the URLs of one target: where the load goes and what is watched while it
 * goes. The stress flags, a target file, the lab, the samplers and run.json all speak this one
 * shape, with one name per endpoint. URLs may carry credentials: pass the whole set through
 * redactEndpoints before writing or printing it.
 */
export interface TargetEndpoints {
  /** The balanced Qdrant URL: the balancer (HAProxy in the lab) in front of the nodes. */
  balancer: string;
  /** The product's gateway, which --api gateway drives. */
  gateway?: string;
  /** Each Qdrant node's own URL, scraped directly (Qdrant's advice: peers, not the balancer). */
  nodes: string[];
  /** redis://[user:password@]host:port or rediss:// (TLS). */
  redis?: string;
  /** HAProxy's CSV stats, e.g. http://127.0.0.1:8404/stats;csv. */
  haproxyStats?: string;
  /** nginx's stub_status page. */
  nginxStatus?: string;
  /** A Prometheus server scraping node_exporter on the target hosts. */
  prometheus?: string;
}

/** loadUrlOf is where the load goes for an API: the gateway for --api gateway when there is one, else the balancer. */
export function loadUrlOf(endpoints: TargetEndpoints, api: string): string {
  return api === 'gateway' && endpoints.gateway !== undefined ? endpoints.gateway : endpoints.balancer;
}

/** redactEndpoints masks the credentials of every URL of a target, leaving absent endpoints absent. */
export function redactEndpoints(endpoints: TargetEndpoints): TargetEndpoints {
  const redacted: TargetEndpoints = { balancer: redactUrl(endpoints.balancer), nodes: endpoints.nodes.map(redactUrl) };
  for (const key of OPTIONAL_ENDPOINTS) {
    const url = endpoints[key];
    if (url !== undefined) redacted[key] = redactUrl(url);
  }
  return redacted;
}

const OPTIONAL_ENDPOINTS = ['gateway', 'redis', 'haproxyStats', 'nginxStatus', 'prometheus'] as const satisfies ReadonlyArray<keyof TargetEndpoints>;
