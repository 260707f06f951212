import { describe, expect, it } from 'vitest';
import { liteLlmModel } from '../../src/pricing/build.js';
import { diffTables } from '../../src/pricing/diff.js';
import type { ModelPrices } from '../../src/pricing/table.js';

const model = (input: number, aliases: string[] = []): ModelPrices => ({
  ...(liteLlmModel({
    input_cost_per_token: input * 1e-6,
    output_cost_per_token: 1.5e-5,
  }) as ModelPrices),
  aliases,
});

describe('diffTables', () => {
  it('lists new models, new spellings and changed figures', () => {
    const diff = diffTables(
      { kept: model(3), spelled: model(3), changed: model(3) },
      {
        kept: model(3),
        spelled: model(3, ['anthropic.spelled-v1']),
        changed: model(4),
        fresh: model(1),
      },
    );
    expect(diff).toEqual({
      added: ['fresh'],
      spellings: [{ model: 'spelled', alias: 'anthropic.spelled-v1' }],
      changed: ['changed'],
    });
  });

  it('is empty for equal tables', () => {
    expect(diffTables({ a: model(3) }, { a: model(3) })).toEqual({
      added: [],
      spellings: [],
      changed: [],
    });
  });
});
