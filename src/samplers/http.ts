import { Agent, request, type Dispatcher } from 'undici';
import { splitCredentials } from '../targets/url-credentials.ts';

/**
 * samplerAgent is the connection pool of one sampler set: few keep-alive connections, so sampling
 * adds no connection churn, and a cap on answers, so a URL pointing at the wrong thing cannot
 * fill the generator's memory (Qdrant's /metrics with per-collection labels is well under it).
 */
export function samplerAgent(): Agent {
  return new Agent({ connections: 2, keepAliveTimeout: 10_000, connectTimeout: 2_000, maxResponseSize: 32 * 1024 * 1024 });
}

/** HttpStatusError is an answer with a status other than 2xx; its message quotes the start of the body, which usually says why. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    path: string,
    body: string,
  ) {
    const excerpt = body.replace(/\s+/g, ' ').trim().slice(0, 120);
    super(`HTTP ${status} from GET ${path.split('?')[0]}${excerpt ? `: ${excerpt}` : ''}`);
  }
}

/**
 * HttpEndpoint reads one HTTP service (a Qdrant node, HAProxy's stats page) and counts its own
 * requests, so a sampler can report how much it added to the load. Credentials in the URL
 * are sent as Basic authorization (splitCredentials).
 */
export class HttpEndpoint {
  private count = 0;
  private readonly base: string;
  private readonly headers: Record<string, string>;

  constructor(
    url: string,
    private readonly dispatcher: Dispatcher,
    headers: Record<string, string> = {},
  ) {
    const { url: bare, authorization } = splitCredentials(url);
    this.headers = authorization ? { ...headers, authorization } : { ...headers };
    this.base = bare.toString().replace(/\/$/, '');
  }

  /** text GETs base + path and returns the body of a 2xx answer; any other status throws, naming the path only. */
  async text(path: string, signal: AbortSignal): Promise<string> {
    this.count++;
    const { statusCode, body } = await request(this.base + path, { method: 'GET', headers: this.headers, signal, dispatcher: this.dispatcher });
    if (statusCode < 200 || statusCode > 299) {
      throw new HttpStatusError(statusCode, path || new URL(this.base).pathname, await body.text());
    }
    return body.text();
  }

  async json(path: string, signal: AbortSignal): Promise<unknown> {
    const text = await this.text(path, signal);
    try {
      return JSON.parse(text);
    } catch {
      throw new Error(`GET ${path} answered something other than JSON: ${JSON.stringify(text.slice(0, 60))}`);
    }
  }

  requests(): number {
    return this.count;
  }
}
