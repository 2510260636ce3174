import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Registrar } from '../main.ts';

const ORDER = ['stress', 'profiles', 'validate'];

/**
 * loadRegistrars imports every command module of this folder (one file per subcommand, as in
 * vegeta's CLI). Each exports `register`; adding a command means adding a file, not editing a list
 * that every feature would otherwise touch. The order is the help's: the main commands first.
 */
export async function loadRegistrars(): Promise<Registrar[]> {
  const dir = dirname(fileURLToPath(import.meta.url));
  const names = readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'index.ts')
    .map((file) => file.slice(0, -3))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const modules = await Promise.all(names.map((name) => import(pathToFileURL(`${dir}/${name}.ts`).href) as Promise<{ register?: Registrar }>));
  return modules.map((module, i) => {
    if (typeof module.register !== 'function') throw new Error(`src/cli/commands/${names[i]}.ts must export a register function`);
    return module.register;
  });
}

function rank(name: string): number {
  const index = ORDER.indexOf(name);
  return index === -1 ? ORDER.length : index;
}
