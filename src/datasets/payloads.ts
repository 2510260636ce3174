// Payloads and query filters per query pattern, made with faker from a seed. code_search payloads
// carry the keyword field `language` that every code_search query filters on; general_search
// payloads carry text, which its queries ask back with `with_payload`.

import { Faker, base, en } from '@faker-js/faker';
import type { QueryPattern } from '../config/mix-schema.ts';
import { Mulberry32 } from '../plan/mix.ts';

export type Payload = Record<string, unknown>;

/** QueryFilter is one exact match on a keyword payload field. */
export interface QueryFilter {
  key: string;
  value: string;
}

/** LANGUAGES are the values of code_search's `language` field; each holds about 1/8 of the points. */
export const LANGUAGES = ['python', 'typescript', 'javascript', 'go', 'rust', 'java', 'cpp', 'ruby'] as const;

export const FILTER_FIELD = 'language';

/** Dates are drawn before a fixed day, so a payload does not depend on when it was generated. */
const REFERENCE_DATE = '2026-01-01T00:00:00Z';

function seededFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  return faker;
}

/** makePayloads returns one payload per point, id order; `n` is the point's id. */
export function makePayloads(pattern: QueryPattern, count: number, seed: number): Payload[] {
  const faker = seededFaker(seed);
  return Array.from({ length: count }, (_, n): Payload => {
    switch (pattern) {
      case 'similarity_search':
        return {
          n,
          title: faker.commerce.productName(),
          category: faker.commerce.department(),
          tags: [faker.word.noun(), faker.word.noun()],
          created_at: faker.date.past({ years: 3, refDate: REFERENCE_DATE }).toISOString(),
        };
      case 'code_search':
        return {
          n,
          [FILTER_FIELD]: faker.helpers.arrayElement(LANGUAGES),
          repo: `${faker.internet.username().toLowerCase()}/${faker.word.noun()}`,
          path: faker.system.filePath(),
          symbol: `${faker.hacker.verb()}_${faker.hacker.noun()}`.replace(/\s+/g, '_'),
        };
      case 'general_search':
        return {
          n,
          title: faker.lorem.sentence(),
          text: faker.lorem.paragraphs(2),
          author: faker.person.fullName(),
          url: faker.internet.url(),
        };
    }
  });
}

/** makeQueryFilters returns each query's filter: one language per code_search query, none otherwise. */
export function makeQueryFilters(pattern: QueryPattern, count: number, seed: number): Array<QueryFilter | undefined> {
  const random = new Mulberry32(seed);
  return Array.from({ length: count }, () =>
    pattern === 'code_search' ? { key: FILTER_FIELD, value: LANGUAGES[random.nextInt(LANGUAGES.length)]! } : undefined,
  );
}

/** matchesFilter tells whether a payload satisfies a query filter (an exact keyword match). */
export function matchesFilter(payload: Payload, filter: QueryFilter | undefined): boolean {
  return filter === undefined || payload[filter.key] === filter.value;
}
