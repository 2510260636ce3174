import { z } from 'zod';
import type { Environment } from '../context.ts';
import { HTTP_PROTOCOLS, literalSecretOf, REDIS_PROTOCOLS, urlProblem } from './url-check.ts';

// A target file describes a deployment to point vecstress at: where the load goes, which nodes to
// scrape directly, and where Redis, the balancer's stats and Prometheus live. It holds no secret:
// the API key is named by its environment variable, and a password in a URL is written as
// ${ENV_NAME}, read from the environment when the file is loaded.

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENV_REFERENCE = /\$\{([^}]*)\}/g;

/** targetSchema validates a target file and resolves its ${ENV} references from env. */
export function targetSchema(env: Environment) {
  const url = (protocols: readonly string[], example: string) =>
    z.string().transform((text, ctx) => {
      // The secret check reads the URL as written: once resolved, a ${ENV} password looks literal.
      const secret = literalSecretOf(text, ENV_REFERENCE);
      if (secret) {
        ctx.addIssue({ code: 'custom', message: `holds ${secret}; write it as \${ENV_NAME} (e.g. "redis://:\${REDIS_PASSWORD}@host:6379") so the file holds no secret` });
        return z.NEVER;
      }
      const resolved = interpolate(text, env, ctx);
      if (resolved === undefined) return z.NEVER;
      const problem = urlProblem(resolved, protocols, example);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      // Node URLs are joined with paths ("/metrics"): a trailing slash would double it.
      return resolved.trim().replace(/\/+$/, '');
    });
  const httpUrl = (example: string) => url(HTTP_PROTOCOLS, example);
  const envName = z.string().transform((name, ctx) => {
    if (!ENV_NAME.test(name)) {
      ctx.addIssue({ code: 'custom', message: `"${name}" is not an environment variable name; write one such as QDRANT_API_KEY` });
      return z.NEVER;
    }
    const value = env[name];
    if (value === undefined || value === '') {
      ctx.addIssue({ code: 'custom', message: `environment variable ${name} is not set` });
      return z.NEVER;
    }
    return { name, value };
  });

  // Prometheus matches with RE2, anchored; JavaScript's parser catches what a typo breaks.
  const instancePattern = z
    .string()
    .min(1)
    .superRefine((pattern, ctx) => {
      try {
        new RegExp(pattern);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `"${pattern}" is not a regular expression (${(error as Error).message}); write one such as "10\\.0\\.0\\.1[1-3]:9100"` });
      }
    });

  return z
    .strictObject({
    description: z.string().min(1).optional(),
    /** The load target: the balancer in front of the Qdrant nodes. */
    balancer: httpUrl('http://10.0.0.10:6333'),
    /** The product's gateway, for --api gateway. */
    gateway: httpUrl('http://10.0.0.10:8080').optional(),
    /** Each Qdrant node's own URL: Qdrant's docs say to scrape peers directly, not through the balancer. */
    nodes: z.array(httpUrl('http://10.0.0.11:6333')).default([]),
    /** The environment variable holding the Qdrant API key, sent as the api-key header. */
    apiKeyEnv: envName.optional(),
    redis: url(REDIS_PROTOCOLS, 'redis://10.0.0.20:6379').optional(),
    haproxyStats: httpUrl('http://10.0.0.10:8404/stats;csv').optional(),
    nginxStatus: httpUrl('http://10.0.0.10:8081/nginx_status').optional(),
    /** A Prometheus server scraping node_exporter on the target hosts. */
    prometheus: httpUrl('http://10.0.0.30:9090').optional(),
    /** The regex of the target's node_exporter instances in Prometheus; default: the nodes' hosts, on any port. */
    prometheusInstances: instancePattern.optional(),
  })
    .superRefine((target, ctx) => {
      // Unscoped, a shared Prometheus's busiest host would speak for the target.
      if (target.prometheus !== undefined && target.nodes.length === 0 && target.prometheusInstances === undefined) {
        ctx.addIssue({ code: 'custom', path: ['prometheus'], message: 'needs the target’s hosts: list its nodes, or set prometheusInstances to the regex of their node_exporter instances' });
      }
    });
}

export type TargetFileContent = z.output<ReturnType<typeof targetSchema>>;

/** interpolate replaces each ${NAME} with its environment value, or reports the first unset one. */
function interpolate(text: string, env: Environment, ctx: z.RefinementCtx): string | undefined {
  let problem: string | undefined;
  const resolved = text.replace(ENV_REFERENCE, (reference, name: string) => {
    if (!ENV_NAME.test(name)) problem ??= `"${reference}" is not a valid environment reference; write \${NAME}`;
    else if (env[name] === undefined) problem ??= `environment variable ${name} is not set (referenced as ${reference})`;
    // A password may hold "@", ":" or "/": encode it so the URL still parses as intended.
    return encodeURIComponent(env[name] ?? '');
  });
  if (problem === undefined) return resolved;
  ctx.addIssue({ code: 'custom', message: problem });
  return undefined;
}
