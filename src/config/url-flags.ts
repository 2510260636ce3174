import { HTTP_PROTOCOLS, REDIS_PROTOCOLS, urlProblem } from '../targets/url-check.ts';
import type { StressFlags } from './stress-flags.ts';

/**
 * checkUrlFlags checks every URL flag as a target file's fields are checked (urlProblem), so a
 * garbage URL is a config error naming its flag, found before the lab starts or anything is sent.
 * --target is checked with the target it chooses.
 */
export function checkUrlFlags(flags: StressFlags, flag: (path: string, message: string) => void): void {
  const check = (name: string, value: string | undefined, protocols: readonly string[], example: string): void => {
    const problem = value === undefined ? undefined : urlProblem(value, protocols, example);
    if (problem) flag(name, problem);
  };
  for (const node of flags.nodes ?? []) check('--nodes', node, HTTP_PROTOCOLS, 'http://10.0.0.11:6333');
  check('--redis', flags.redis, REDIS_PROTOCOLS, 'redis://10.0.0.20:6379');
  check('--haproxy-stats', flags.haproxyStats, HTTP_PROTOCOLS, 'http://10.0.0.10:8404/stats;csv');
  check('--nginx-status', flags.nginxStatus, HTTP_PROTOCOLS, 'http://10.0.0.10:8081/nginx_status');
  check('--prometheus', flags.prometheus, HTTP_PROTOCOLS, 'http://10.0.0.30:9090');
  check('--pushgateway', flags.pushgateway, HTTP_PROTOCOLS, 'http://127.0.0.1:9091');
}
