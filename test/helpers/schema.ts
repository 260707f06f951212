import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { REPO } from './cli.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** The validator of a published schema (`schemas/<name>.schema.json`). */
export function validator(name: string) {
  let validate = validators.get(name);
  if (validate === undefined) {
    const file = path.join(REPO, 'schemas', `${name}.schema.json`);
    validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
    validators.set(name, validate);
  }
  return validate;
}
