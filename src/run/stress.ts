import type { CliContext } from '../cli/context.ts';
import type { StressConfig } from '../cli/stress-config.ts';

// Placeholder until the engine lands (issue 11).
export async function runStress(config: StressConfig, ctx: CliContext): Promise<number> {
  void config;
  ctx.err('not implemented yet\n');
  return 3;
}
