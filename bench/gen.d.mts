// Types of bench/gen.mjs for the tests that import it.

/** A small seeded PRNG (mulberry32): numbers in [0, 1), the same for the same seed. */
export function mulberry32(seed: number): () => number;

/** Writes seeded logs of about `targetBytes` under `dir/projects` and `dir/expected.json`. */
export function generate(
  dir: string,
  targetBytes: number,
  options?: { single?: boolean; seed?: number; profile?: 'real' | 'usage-heavy' },
): void;
