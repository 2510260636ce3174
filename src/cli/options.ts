import { InvalidArgumentError } from 'commander';

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
