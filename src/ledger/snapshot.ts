import { createHash } from 'node:crypto';
import { type PricedRecord, unpricedRecord } from '../types.js';

/**
 * Every response of the ledger in one blob, because SQLite hands rows to JavaScript at a few
 * microseconds each and a repeat report should not pay that for the whole history. Columns
 * of numbers and indexes into one table of distinct strings: decoding builds the records
 * without parsing anything but that table.
 *
 * Layout: a header of four u32 (magic, format, record count, string table bytes) and the first
 * 16 bytes of the SHA-256 of everything after the header (a flipped byte is noticed, and the
 * rows are read instead; SHA-256 runs on the CPU's own instructions, 2.3x faster here than the
 * MD5 of format 2, which was 4-9% of a repeat report), the string
 * table as a JSON array (padded to 8 bytes), then 10 f64 a record (time, five token counts,
 * logged cost or NaN, flags, web searches, roots mask), then 7 u32 a record (key, session, project, cwd
 * or NONE, model, file, inference geo or NONE). A blob of another format is not read: the
 * report reads the rows instead and writes a new snapshot.
 */
const MAGIC = 0x554c534e; // "ULSN"
const FORMAT = 3;
const CHECKSUM_AT = 16;
const HEADER_BYTES = 32;
const NUMBERS = 10;
const REFS = 7;
const NONE = 0xffffffff;
const FAST = 1;
const SIDECHAIN = 2;

function checksumOf(blob: Uint8Array): Buffer {
  return createHash('sha256').update(blob.subarray(HEADER_BYTES)).digest().subarray(0, 16);
}

/** Whether a blob is a snapshot of this format whose bytes are as they were written. */
export function isIntactSnapshot(blob: Uint8Array): boolean {
  if (blob.byteLength < HEADER_BYTES) return false;
  const header = Buffer.from(blob.buffer, blob.byteOffset, HEADER_BYTES);
  if (header.readUInt32LE(0) !== MAGIC || header.readUInt32LE(4) !== FORMAT) return false;
  return checksumOf(blob).equals(header.subarray(CHECKSUM_AT, HEADER_BYTES));
}

function pad8(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

/** `masks`: each record's roots mask, by key (see `LedgerStore.rootsMask`). */
export function encodeRecords(
  records: readonly PricedRecord[],
  masks: ReadonlyMap<string, number>,
): Buffer {
  const strings: string[] = [];
  const indexes = new Map<string, number>();
  const ref = (value: string | null): number => {
    if (value === null) return NONE;
    let index = indexes.get(value);
    if (index === undefined) {
      index = strings.length;
      strings.push(value);
      indexes.set(value, index);
    }
    return index;
  };
  const count = records.length;
  const numbers = new Float64Array(count * NUMBERS);
  const refs = new Uint32Array(count * REFS);
  records.forEach((record, i) => {
    const n = i * NUMBERS;
    numbers[n] = record.timestamp;
    numbers[n + 1] = record.inputTokens;
    numbers[n + 2] = record.outputTokens;
    numbers[n + 3] = record.cacheWrite5mTokens;
    numbers[n + 4] = record.cacheWrite1hTokens;
    numbers[n + 5] = record.cacheReadTokens;
    numbers[n + 6] = record.loggedCostUSD ?? Number.NaN;
    numbers[n + 7] = (record.fast ? FAST : 0) | (record.sidechain ? SIDECHAIN : 0);
    numbers[n + 8] = record.webSearchRequests;
    numbers[n + 9] = masks.get(record.key ?? '') ?? 0;
    const r = i * REFS;
    refs[r] = ref(record.key);
    refs[r + 1] = ref(record.sessionId);
    refs[r + 2] = ref(record.project);
    refs[r + 3] = ref(record.cwd);
    refs[r + 4] = ref(record.model);
    refs[r + 5] = ref(record.file);
    refs[r + 6] = ref(record.inferenceGeo);
  });
  const table = Buffer.from(JSON.stringify(strings), 'utf8');
  const tableBytes = pad8(table.length);
  const buffer = Buffer.alloc(HEADER_BYTES + tableBytes + numbers.byteLength + refs.byteLength);
  buffer.writeUInt32LE(MAGIC, 0);
  buffer.writeUInt32LE(FORMAT, 4);
  buffer.writeUInt32LE(count, 8);
  buffer.writeUInt32LE(table.length, 12);
  table.copy(buffer, HEADER_BYTES);
  const numbersAt = HEADER_BYTES + tableBytes;
  Buffer.from(numbers.buffer).copy(buffer, numbersAt);
  Buffer.from(refs.buffer).copy(buffer, numbersAt + numbers.byteLength);
  checksumOf(buffer).copy(buffer, CHECKSUM_AT);
  return buffer;
}

/** Which records to decode, asked before a record is built (a status line wants few). */
export type RecordFilter = (timestamp: number, sessionId: string) => boolean;

/**
 * The records of a blob from `encodeRecords`, or null when it is not one (another format, or
 * bytes changed since it was written); their roots masks go into `masks`.
 */
export function decodeRecords(
  blob: Uint8Array,
  masks: Map<string, number>,
  wanted?: RecordFilter,
): PricedRecord[] | null {
  if (!isIntactSnapshot(blob)) return null;
  // Typed arrays need aligned offsets: a blob that does not start on 8 bytes is copied to one
  // that does (SQLite's blobs come in a buffer of their own; copying one took 30 ms at 1 GiB).
  const bytes = blob.byteOffset % 8 === 0 ? blob : new Uint8Array(blob);
  const at = bytes.byteOffset;
  const header = new DataView(bytes.buffer, at);
  const count = header.getUint32(8, true);
  const tableLength = header.getUint32(12, true);
  const strings = JSON.parse(
    Buffer.from(bytes.buffer, at + HEADER_BYTES, tableLength).toString('utf8'),
  ) as string[];
  const numbersAt = HEADER_BYTES + pad8(tableLength);
  const numbers = new Float64Array(bytes.buffer, at + numbersAt, count * NUMBERS);
  const refs = new Uint32Array(bytes.buffer, at + numbersAt + count * NUMBERS * 8, count * REFS);
  const text = (index: number | undefined): string => strings[index ?? NONE] ?? '';
  const records: PricedRecord[] = [];
  for (let i = 0; i < count; i++) {
    const n = i * NUMBERS;
    const r = i * REFS;
    if (wanted !== undefined && !wanted(numbers[n] ?? 0, text(refs[r + 1]))) continue;
    const loggedCost = numbers[n + 6] ?? Number.NaN;
    const flags = numbers[n + 7] ?? 0;
    const cwd = refs[r + 3];
    const geo = refs[r + 6];
    const key = text(refs[r]);
    masks.set(key, numbers[n + 9] ?? 0);
    records.push(
      unpricedRecord({
        key,
        timestamp: numbers[n] ?? 0,
        sessionId: text(refs[r + 1]),
        project: text(refs[r + 2]),
        cwd: cwd === NONE ? null : text(cwd),
        model: text(refs[r + 4]),
        fast: (flags & FAST) !== 0,
        inferenceGeo: geo === NONE ? null : text(geo),
        webSearchRequests: numbers[n + 8] ?? 0,
        sidechain: (flags & SIDECHAIN) !== 0,
        file: text(refs[r + 5]),
        root: '',
        alsoIn: null,
        loggedCostUSD: Number.isNaN(loggedCost) ? null : loggedCost,
        inputTokens: numbers[n + 1] ?? 0,
        outputTokens: numbers[n + 2] ?? 0,
        cacheWrite5mTokens: numbers[n + 3] ?? 0,
        cacheWrite1hTokens: numbers[n + 4] ?? 0,
        cacheReadTokens: numbers[n + 5] ?? 0,
      }),
    );
  }
  return records;
}
