import { Command } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import type { OutputName } from '../schemas/output.js';
import { printJson, printText } from './context.js';

async function showSchema(name: string | undefined): Promise<void> {
  // The schemas are built with zod, which only this command needs.
  const { jsonSchemaOf, OUTPUT_SCHEMAS } = await import('../schemas/output.js');
  if (name === undefined) {
    printText(Object.keys(OUTPUT_SCHEMAS).join('\n'));
    return;
  }
  if (!(name in OUTPUT_SCHEMAS)) {
    throw new UsageError(
      `schema: no output named '${name}'; one of: ${Object.keys(OUTPUT_SCHEMAS).join(', ')}`,
      ExitCode.usage,
    );
  }
  printJson(jsonSchemaOf(name as OutputName));
}

export function schemaCommand() {
  return new Command('schema')
    .description("the JSON Schema of a report's --json or an export (no name: the list)")
    .argument(
      '[name]',
      'an output, such as daily, day, session or export-row (usage schema lists them)',
    )
    .action((name: string | undefined) => showSchema(name));
}
