#!/usr/bin/env node
// Writes schemas/<name>.schema.json, the published JSON Schemas of every JSON output.
// Usage: npm run schemas (after a change to src/schemas/output.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemaOf, OUTPUT_SCHEMAS } from '../dist/schemas/output.js';

const dir = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'schemas');
await mkdir(dir, { recursive: true });
for (const name of Object.keys(OUTPUT_SCHEMAS)) {
  await writeFile(
    path.join(dir, `${name}.schema.json`),
    `${JSON.stringify(jsonSchemaOf(name), null, 2)}\n`,
  );
}
console.log(`wrote ${Object.keys(OUTPUT_SCHEMAS).length} schemas to schemas/`);
