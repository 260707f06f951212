import { describe, expect, it } from 'vitest';
import { palette } from '../../src/format/color.js';
import {
  type RollupTable,
  renderRollupTable,
  type TableRow,
} from '../../src/format/rollup-table.js';
import { addRecord, emptyRollup } from '../../src/report/rollup.js';
import { pricedRecord } from '../helpers/lines.js';

function rollupOf(outputTokens: number, cost: number, unpriced = 0) {
  const rollup = emptyRollup();
  addRecord(rollup, pricedRecord({ outputTokens, cacheReadTokens: outputTokens * 40, cost }));
  rollup.unpricedRequests = unpriced;
  return rollup;
}

function row(labels: string[], kind: TableRow['kind'], outputTokens: number, cost: number) {
  return {
    labels,
    models: ['claude-sonnet-4-5', 'claude-haiku-4-5'],
    rollup: rollupOf(outputTokens, cost, kind === 'row' && cost < 1 ? 1 : 0),
    kind,
    share: cost / 1000,
  };
}

/** A table with all that changes its width: long paths cut to a floor, an optional label, model rows. */
function tableWith(project: string): RollupTable {
  return {
    title: 'Claude Code usage by project',
    labels: [
      { header: 'Session' },
      { header: 'Project', maxWidth: 20, shorten: 'start', optional: 1 },
    ],
    rows: [
      row(['3f2a9c1e', project], 'row', 1_234_567, 987.65),
      row(['', ''], 'sub', 1_000, 0.5),
      row(['b71e00d4', '/home/ann/app'], 'row', 42, 0.25),
      row(['Total', ''], 'total', 1_235_609, 988.4),
    ],
    models: true,
    requests: true,
    costShare: true,
    bar: true,
    notes: [],
  };
}

describe('renderRollupTable', () => {
  // From narrower than any layout to wider than the richest (139 columns); with colour and
  // with wide characters (which are measured by drawing) at fewer widths, to keep it quick.
  it.each([
    ['an ASCII path', '/home/ann/work/clients/northwind/services/billing-api', false, 1],
    ['an ASCII path, in colour', '/home/ann/work/clients/northwind/services/billing-api', true, 7],
    ['a path of wide characters', '/home/ann/プロジェクト/請求書/サービス', false, 7],
  ])(
    'draws the layout it would by drawing each, at every width (%s)',
    (_, project, colour, step) => {
      for (let width = 20; width <= 150; width += step) {
        const options = { width, palette: palette(colour) };
        const measured = renderRollupTable(tableWith(project), options);
        const drawn = renderRollupTable(tableWith(project), { ...options, measureByDrawing: true });
        expect(measured, `width ${width}, colour ${colour}`).toBe(drawn);
      }
    },
  );
});
