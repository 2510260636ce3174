import { ensureCapacity, ensureLab } from '../lab/index.ts';
import { replan, type PreparedStress } from './prepare.ts';

/**
 * sizeToLab measures the lab's capacity before a run whose lab form is sized to it but whose lab
 * never had it measured (on this machine), and builds the plan again with it (the baseline run,
 * already read, is not read again). The lab it starts
 * for that stays up, with the capacity in its state, for this run and the next ones.
 */
export async function sizeToLab(config: PreparedStress, say: (line: string) => void): Promise<PreparedStress> {
  if (config.target.kind !== 'lab' || config.plan.labSizing?.kind !== 'fixed' || !config.plan.labSizing.capacityUnknown) return config;
  const { stateDir, qdrantBin } = config.target;
  await ensureLab({ stateDir, qdrantBin, onProgress: (line) => say(`lab: ${line}`) });
  await ensureCapacity(stateDir, (line) => say(`lab: ${line}`));
  return replan(config);
}
