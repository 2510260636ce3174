import { z } from 'zod';
import {
  parseBitRate,
  parseByteRate,
  parseBytes,
  parseDurationMs,
  parseDurationSeconds,
  parsePercent,
  parseRate,
  UnitError,
} from './units.ts';

/** withUnit turns a unit parser into a schema field that reports the parser's message as the issue. */
function withUnit(parse: (input: unknown) => number) {
  return z.union([z.string(), z.number()]).transform((value, ctx) => {
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  });
}

export const durationSeconds = withUnit(parseDurationSeconds);
export const positiveDurationSeconds = durationSeconds.refine((s) => s > 0, 'must be a positive duration, such as "30s"');
export const nonNegativeDurationSeconds = durationSeconds.refine((s) => s >= 0, 'must not be negative');
export const latencyMs = withUnit(parseDurationMs).refine((ms) => ms > 0, 'must be a positive latency, such as "20ms"');
export const percentFraction = withUnit(parsePercent).refine((f) => f >= 0 && f <= 1, 'must be between 0% and 100%');
export const bytes = withUnit(parseBytes).refine((b) => b > 0, 'must be a positive size, such as "64GB"');
export const byteRate = withUnit(parseByteRate).refine((b) => b > 0, 'must be a positive rate, such as "1GB/s"');
export const bitRate = withUnit(parseBitRate).refine((b) => b > 0, 'must be a positive rate, such as "10Gbps"');
export const requestRate = withUnit(parseRate).refine((r) => r > 0, 'must be a positive rate, such as "8000/s"');
export const positiveInt = z.number().int('must be a whole number').positive('must be greater than 0');
export const positiveNumber = z.number().positive('must be greater than 0');
/**
 * collectionName is a name Qdrant accepts and that stays one path segment in a URL and a folder:
 * no slashes, and not "." or ".." (a leading dot is refused), at most 255 characters.
 */
export const collectionName = z
  .string()
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,254}$/, 'must start with a letter, digit, "_" or "-" and then hold only those and "." (at most 255 characters): it names a URL path segment and a dataset folder');
