import { createRequire } from 'node:module';
import type CliTable from 'cli-table3';

type TableClass = typeof CliTable;

let loaded: TableClass | undefined;

/**
 * Loads cli-table3 before a table is drawn. It is bundled apart (a chunk of its own, loaded
 * here): its 70 KB took ~4 ms of every start to compile, and a JSON or CSV report draws none.
 */
export async function loadTableCode(): Promise<void> {
  loaded ??= (await import('cli-table3')).default;
}

/**
 * A cli-table3 table. A command that draws one loads the code first (`loadTableCode`); one
 * that did not gets it here, from the package's node_modules, a few milliseconds slower.
 */
export function newTable(options: CliTable.TableConstructorOptions): CliTable.Table {
  loaded ??= createRequire(import.meta.url)('cli-table3') as TableClass;
  return new loaded(options);
}
