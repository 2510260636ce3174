import type { PreparedStress } from './prepare.ts';
import type { EngineLine } from '../runfolder/engine-lines.ts';
import { redactUrl } from '../targets/redact.ts';
import { LiveMetrics, pushMetrics, serveMetrics } from './live-metrics.ts';

const PUSH_EVERY_MS = 5000;

export interface LivePublisher {
  observe?: (line: EngineLine) => void;
  /** attach names the run once its folder exists; pushing starts then. */
  attach(runId: string): void;
  stop(): Promise<void>;
}

/**
 * startLiveMetrics publishes live metrics when --metrics-port or --pushgateway asks for them. A
 * Pushgateway that fails is warned about once and never stops the run: the run folder is the record.
 */
export async function startLiveMetrics(
  config: PreparedStress,
  say: (line: string) => void,
): Promise<LivePublisher> {
  const { metricsPort, pushgateway } = config.run;
  if (metricsPort === undefined && pushgateway === undefined) return { attach: () => undefined, stop: async () => undefined };
  const metrics = new LiveMetrics(config.plan);
  const server = metricsPort === undefined ? undefined : await serveMetrics(metrics.registry, metricsPort);
  if (server) say(`live metrics on ${server.url}`);
  let warned = false;
  let runId: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const push = async (): Promise<void> => {
    if (!pushgateway || !runId) return;
    try {
      await pushMetrics(metrics.registry, pushgateway, runId);
    } catch (error) {
      if (!warned) say(`warning: pushing metrics to ${redactUrl(pushgateway)} failed (${(error as Error).message}); the run goes on`);
      warned = true;
    }
  };
  return {
    observe: (line) => {
      if (line.type === 'tick') metrics.addTick(line);
      else if (line.type === 'window') metrics.addWindow(line);
    },
    attach(id) {
      runId = id;
      metrics.attach(id);
      if (pushgateway) timer = setInterval(() => void push(), PUSH_EVERY_MS);
    },
    async stop() {
      clearInterval(timer);
      await push();
      await server?.close();
    },
  };
}
