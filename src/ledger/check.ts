import type { PricedRecord } from '../types.js';
import { decodeRecords, isIntactSnapshot } from './snapshot.js';
import type { LedgerStore } from './store.js';

/** What `usage ledger check` found. */
export interface LedgerCheck {
  /** SQLite's own check of the file: `ok`, or what it found. */
  integrity: string;
  /** `none` (not written yet), `intact`, or `damaged` (its checksum failed). */
  snapshot: 'none' | 'intact' | 'damaged';
  responses: number;
  /** Responses the snapshot holds differently from the rows (or lacks, or has and they lack). */
  differing: number;
  /** The snapshot was written again from the rows. */
  rewritten: boolean;
}

const FIELDS = [
  'timestamp',
  'sessionId',
  'project',
  'cwd',
  'model',
  'inputTokens',
  'outputTokens',
  'cacheWrite5mTokens',
  'cacheWrite1hTokens',
  'cacheReadTokens',
  'fast',
  'sidechain',
  'file',
  'loggedCostUSD',
  'inferenceGeo',
  'webSearchRequests',
] as const satisfies readonly (keyof PricedRecord)[];

/**
 * Checks the file with SQLite and the snapshot against the rows: a flipped byte fails the
 * snapshot's checksum, a row changed behind the ledger's back differs from its copy. Either
 * way the snapshot is written again from the rows, which are the record. The reports' priced
 * sums, copies of the rows too that only a price book could check, are dropped: the next
 * report of sums makes them again from the rows.
 */
export function checkLedger(store: LedgerStore): LedgerCheck {
  const integrity = String(store.db.pragma('integrity_check', { simple: true }));
  if (integrity === 'ok') store.dropSums();
  const rowMasks = new Map<string, number>();
  const rows = store.rowRecords(rowMasks);
  const saved = store.db.prepare('SELECT version, data FROM snapshot').get() as
    | { version: number; data: Buffer }
    | undefined;
  const found: LedgerCheck = {
    integrity,
    snapshot: saved === undefined ? 'none' : isIntactSnapshot(saved.data) ? 'intact' : 'damaged',
    responses: rows.length,
    differing: 0,
    rewritten: false,
  };
  if (saved === undefined || integrity !== 'ok') return found;
  if (found.snapshot === 'intact') {
    const masks = new Map<string, number>();
    const copies = new Map((decodeRecords(saved.data, masks) ?? []).map((r) => [r.key, r]));
    const versions = new Map(
      (
        store.db.prepare('SELECT key, version FROM responses').raw(true).all() as [string, number][]
      ).map(([key, version]) => [key, version]),
    );
    for (const row of rows) {
      // Rows written after the snapshot are merged in by every report, not kept in it.
      if ((versions.get(row.key ?? '') ?? 0) > saved.version) continue;
      const copy = copies.get(row.key);
      copies.delete(row.key);
      const same =
        copy !== undefined &&
        FIELDS.every((field) => copy[field] === row[field]) &&
        masks.get(row.key ?? '') === rowMasks.get(row.key ?? '');
      if (!same) found.differing++;
    }
    found.differing += copies.size;
  }
  if (found.snapshot === 'damaged' || found.differing > 0) {
    store.saveSnapshot(
      rows.sort((a, b) => a.timestamp - b.timestamp || (a.file < b.file ? -1 : 1)),
      store.dataVersion(),
      rowMasks,
    );
    found.rewritten = true;
  }
  return found;
}
