import { z } from 'zod';
import { collectionName, positiveInt } from './fields.ts';

export const QUERY_PATTERNS = ['similarity_search', 'code_search', 'general_search'] as const;
export type QueryPattern = (typeof QUERY_PATTERNS)[number];

export const DISTANCES = ['Cosine', 'Dot', 'Euclid', 'Manhattan'] as const;
export type Distance = (typeof DISTANCES)[number];

const collectionSchema = z.strictObject({
  weight: z.number().positive('must be greater than 0'),
  pattern: z.enum(QUERY_PATTERNS),
  vectorSize: positiveInt,
  distance: z.enum(DISTANCES).default('Cosine'),
  description: z.string().optional(),
});

export const mixSchema = z
  .strictObject({
    collections: z.record(collectionName, collectionSchema).refine((c) => Object.keys(c).length > 0, 'must list at least one collection'),
  })
  .superRefine((mix, ctx) => {
    const total = Object.values(mix.collections).reduce((sum, c) => sum + c.weight, 0);
    // Weights are percentages; allow for float noise such as 33.3 + 33.3 + 33.4.
    if (Math.abs(total - 100) > 1e-6) {
      ctx.addIssue({ code: 'custom', path: ['collections'], message: `weights must sum to 100, they sum to ${round(total)}` });
    }
  });

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export type MixDefinition = z.output<typeof mixSchema>;
export type CollectionDefinition = z.output<typeof collectionSchema>;
