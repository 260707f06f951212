import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaOf, OUTPUT_SCHEMAS, type OutputName } from '../../src/schemas/output.js';
import { REPO } from '../helpers/cli.js';

describe('published schemas', () => {
  it.each(Object.keys(OUTPUT_SCHEMAS) as OutputName[])(
    'schemas/%s.schema.json is up to date (npm run schemas)',
    (name) => {
      const file = JSON.parse(
        readFileSync(path.join(REPO, 'schemas', `${name}.schema.json`), 'utf8'),
      );
      expect(file).toEqual(jsonSchemaOf(name));
    },
  );
});
