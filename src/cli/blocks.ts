import { ExitCode, UsageError } from '../errors.js';
import { renderBlocksTable } from '../format/blocks.js';
import {
  activeBlock,
  blocksInRange,
  maxTokensOfFinishedBlocks,
  usageBlocks,
} from '../report/blocks.js';
import { rollupSelected } from '../report/daily.js';
import { ofModel } from '../report/select.js';
import { REPORT, reportJson } from '../reports/json.js';
import { loadReport, printJson, printReport, unpricedOf, viewContext } from './context.js';
import { reportCommand } from './report-command.js';
import type { ReportOptions } from './shared-options.js';

interface BlocksOptions extends ReportOptions {
  tokenLimit?: string;
}

function parseTokenLimit(value: string | undefined, max: () => number): number | null {
  if (value === undefined) return null;
  if (value === 'max') return max();
  const limit = Number(value.replaceAll(',', '').replaceAll('_', ''));
  if (!Number.isInteger(limit) || limit <= 0) {
    throw new UsageError(
      `--token-limit: '${value}' is not a whole number of tokens or 'max'`,
      ExitCode.usage,
    );
  }
  return limit;
}

async function runBlocks(options: BlocksOptions): Promise<void> {
  parseTokenLimit(options.tokenLimit, () => 0);
  const context = await loadReport(options);
  // Windows from the whole history; the range picks the ones to show.
  const history = usageBlocks(ofModel(context.records, options.model), context.now);
  const blocks = blocksInRange(history, context.selection.range, context.calendar);
  const active = activeBlock(blocks, context.now);
  const limit = parseTokenLimit(options.tokenLimit, () => maxTokensOfFinishedBlocks(history));
  const shown = blocks.flatMap((block) => block.records);
  const report = rollupSelected(shown, context.selection, () => '');
  const unpriced = unpricedOf(context, report.models);
  if (options.json) {
    printJson(
      reportJson(
        REPORT.blocks,
        { ...context, options: { ...options, tokenLimit: limit ?? undefined } },
        unpriced,
      ),
    );
    return;
  }
  printReport(
    context,
    renderBlocksTable(
      report,
      blocks,
      active,
      limit,
      context.calendar,
      viewContext(context, unpriced),
    ),
    { empty: blocks.length === 0 },
  );
}

export function blocksCommand() {
  return reportCommand(
    'blocks',
    "Claude's 5-hour usage windows: each one's cost, and the active one's burn rate",
  )
    .option(
      '--token-limit <n|max>',
      "mark windows over n tokens ('max': the most any finished window used)",
    )
    .action((options: BlocksOptions) => runBlocks(options));
}
