#!/usr/bin/env node
// Writes src/pricing/prices.json, the price snapshot the package ships.
// Usage: npm run pricing:update [-- <file-or-url>]
// Default source: ../shared/pricing/litellm-claude.json when present, else LiteLLM's URL.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPriceSnapshot } from '../dist/pricing/snapshot.js';

const LITELLM_URL =
  'https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json';
const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const sharedCopy = path.join(repo, '..', 'shared', 'pricing', 'litellm-claude.json');
const source = process.argv[2] ?? (existsSync(sharedCopy) ? sharedCopy : LITELLM_URL);

async function readSource(where) {
  if (/^https?:\/\//.test(where)) {
    const response = await fetch(where, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`${where}: HTTP ${response.status}`);
    return response.json();
  }
  return JSON.parse(await readFile(where, 'utf8'));
}

const table = await readSource(source);
const label = /^https?:/.test(source)
  ? source
  : `LiteLLM model_prices_and_context_window.json (local copy: ${path.basename(source)})`;
const snapshot = buildPriceSnapshot(table, label, new Date().toISOString().slice(0, 10));
const target = path.join(repo, 'src', 'pricing', 'prices.json');
await writeFile(target, `${JSON.stringify(snapshot, null, 1)}\n`);
console.log(
  `wrote ${Object.keys(snapshot.models).length} Claude models to ${path.relative(repo, target)}`,
);
