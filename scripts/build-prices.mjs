#!/usr/bin/env node
// Writes src/pricing/prices.json, the price table the package ships, from the project's price
// data beside the repo: ../shared/pricing/claude-prices.json (Anthropic's dated prices, which
// win) and ../shared/pricing/litellm-claude.json (provider spellings, models the first lacks).
//   npm run prices:build
// test/pricing/build.test.ts fails when the shipped table differs from what this writes.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../src/package-root.ts';
import { buildPriceTable } from '../src/pricing/build.ts';
import { PRICE_TABLE_SOURCE, priceDataDir } from '../src/pricing/price-data.ts';
import { writeFileAtomic } from '../src/write-file-atomic.ts';

const repo = packageRoot();
const target = path.join(repo, 'src', 'pricing', 'prices.json');
const dir = priceDataDir(repo);
const read = async (name) => JSON.parse(await readFile(path.join(dir, name), 'utf8'));

try {
  const table = buildPriceTable(
    await read('claude-prices.json'),
    await read('litellm-claude.json'),
    {
      source: PRICE_TABLE_SOURCE,
      retrievedAt: new Date().toISOString().slice(0, 10),
    },
  );
  await writeFileAtomic(target, `${JSON.stringify(table, null, 1)}\n`);
  const models = Object.values(table.models);
  const count = (origin) => models.filter((model) => model.origin === origin).length;
  console.log(
    `wrote ${models.length} models (${count('anthropic')} dated, ${count('litellm')} from LiteLLM) to ${path.relative(repo, target)}`,
  );
} catch (error) {
  console.error(`prices:build: ${error.message}`);
  process.exitCode = 1;
}
