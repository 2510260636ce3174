import { InvalidArgumentError } from 'commander';
import { mixFileOf } from '../config/mix-file.ts';
import type { Context } from '../context.ts';

/** parseNumberOption is a commander argument parser for numeric flags; range checks come later, with the config. */
export function parseNumberOption(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new InvalidArgumentError(`"${value}" is not a number.`);
  return parsed;
}

export function parseIntegerOption(value: string): number {
  const parsed = parseNumberOption(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError(`"${value}" is not a whole number.`);
  return parsed;
}

export function parseListOption(value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
}

/** mixFileOption resolves a --mix flag (mixFileOf: its old path is still accepted) and prints the notice that may come with it. */
export function mixFileOption(given: string, ctx: Pick<Context, 'err'>): string {
  const { file, notice } = mixFileOf(given);
  if (notice) ctx.err(`vecstress: ${notice}\n`);
  return file;
}
