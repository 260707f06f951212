#!/usr/bin/env node
// Writes schemas/<name>.schema.json, the published JSON Schemas of every JSON output.
// Usage: npm run schemas (after a change to src/schemas/output.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../src/package-root.ts';
import { jsonSchemaOf, OUTPUT_SCHEMAS } from '../src/schemas/output.ts';

const dir = path.join(packageRoot(), 'schemas');
await mkdir(dir, { recursive: true });
for (const name of Object.keys(OUTPUT_SCHEMAS)) {
  await writeFile(
    path.join(dir, `${name}.schema.json`),
    `${JSON.stringify(jsonSchemaOf(name), null, 2)}\n`,
  );
}
console.log(`wrote ${Object.keys(OUTPUT_SCHEMAS).length} schemas to schemas/`);
