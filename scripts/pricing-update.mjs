#!/usr/bin/env node
// Writes src/pricing/prices.json, the price snapshot the package ships.
//   npm run pricing:update                   LiteLLM's URL; when it cannot be reached,
//                                            ../shared/pricing/litellm-claude.json
//   npm run pricing:update -- <file-or-url>  that source
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../src/package-root.ts';
import { diffPrices } from '../src/pricing/diff.ts';
import { fetchJson, LITELLM_URL } from '../src/pricing/fetch.ts';
import { buildPriceSnapshot } from '../src/pricing/snapshot.ts';
import { writeFileAtomic } from '../src/write-file-atomic.ts';

const repo = packageRoot();
const target = path.join(repo, 'src', 'pricing', 'prices.json');
const sharedCopy = path.join(repo, '..', 'shared', 'pricing', 'litellm-claude.json');

async function fromFile(file) {
  const { mtime } = await stat(file);
  return {
    table: JSON.parse(await readFile(file, 'utf8')),
    source: `LiteLLM model_prices_and_context_window.json, local copy ${path.basename(file)} of ${mtime.toISOString().slice(0, 10)}`,
  };
}

async function fromUrl(url) {
  return { table: await fetchJson(url), source: url };
}

async function load(argument) {
  if (argument !== undefined)
    return /^https?:\/\//.test(argument) ? fromUrl(argument) : fromFile(argument);
  try {
    return await fromUrl(LITELLM_URL);
  } catch (error) {
    if (!existsSync(sharedCopy)) throw error;
    console.error(`${error.message}; using ${path.relative(repo, sharedCopy)}`);
    return fromFile(sharedCopy);
  }
}

try {
  const { table, source } = await load(process.argv[2]);
  const snapshot = buildPriceSnapshot(table, source, new Date().toISOString().slice(0, 10));
  const before = existsSync(target) ? JSON.parse(await readFile(target, 'utf8')).models : {};
  const diff = diffPrices(before, snapshot.models);
  await writeFileAtomic(target, `${JSON.stringify(snapshot, null, 1)}\n`);
  console.log(
    `wrote ${Object.keys(snapshot.models).length} Claude models to ${path.relative(repo, target)}`,
  );
  console.log(
    `added ${diff.added.length}, removed ${diff.removed.length}, changed ${diff.changed.length}`,
  );
  for (const change of diff.changed) {
    console.log(
      `  ${change.model}: ${change.fields.map((f) => `${f.field} ${f.before} -> ${f.after}`).join(', ')}`,
    );
  }
} catch (error) {
  console.error(`pricing:update: ${error.message}`);
  process.exitCode = 1;
}
