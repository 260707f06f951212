import { createHash } from '../crypto.js';
import {
  RECORD_NUMBERS,
  RECORD_REFS,
  readRecordColumns,
  StringTable,
  writeRecordColumns,
} from '../logs/columns.js';
import type { PricedRecord } from '../types.js';

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
/** A record's columns (`columns.ts`), then its roots mask. */
const NUMBERS = RECORD_NUMBERS + 1;
const REFS = RECORD_REFS;

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

/** `maskOf`: a record's roots mask (see `LedgerStore.rootsMask`). */
export function encodeRecords(
  records: readonly PricedRecord[],
  maskOf: (record: PricedRecord) => number,
): Buffer {
  const table = new StringTable();
  const count = records.length;
  const numbers = new Float64Array(count * NUMBERS);
  const refs = new Uint32Array(count * REFS);
  records.forEach((record, i) => {
    writeRecordColumns(record, numbers, i * NUMBERS, refs, i * REFS, table);
    numbers[i * NUMBERS + RECORD_NUMBERS] = maskOf(record);
  });
  const tableJson = Buffer.from(JSON.stringify(table.strings), 'utf8');
  const tableBytes = pad8(tableJson.length);
  const buffer = Buffer.alloc(HEADER_BYTES + tableBytes + numbers.byteLength + refs.byteLength);
  buffer.writeUInt32LE(MAGIC, 0);
  buffer.writeUInt32LE(FORMAT, 4);
  buffer.writeUInt32LE(count, 8);
  buffer.writeUInt32LE(tableJson.length, 12);
  tableJson.copy(buffer, HEADER_BYTES);
  const numbersAt = HEADER_BYTES + tableBytes;
  Buffer.from(numbers.buffer).copy(buffer, numbersAt);
  Buffer.from(refs.buffer).copy(buffer, numbersAt + numbers.byteLength);
  checksumOf(buffer).copy(buffer, CHECKSUM_AT);
  return buffer;
}

/**
 * The records of a blob from `encodeRecords`, or null when it is not one (another format, or
 * bytes changed since it was written); their roots masks go into `masks`.
 */
export function decodeRecords(blob: Uint8Array, masks: Map<string, number>): PricedRecord[] | null {
  return isIntactSnapshot(blob) ? decodeIntact(blob, masks) : null;
}

/**
 * The records of a blob `isIntactSnapshot` passed; their roots masks go into `masks`, unless
 * it is null (a report of every folder that writes no snapshot needs none).
 */
export function decodeIntact(blob: Uint8Array, masks: Map<string, number> | null): PricedRecord[] {
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
  const records: PricedRecord[] = [];
  for (let i = 0; i < count; i++) {
    const n = i * NUMBERS;
    const r = i * REFS;
    const record = readRecordColumns(numbers, n, refs, r, strings, '', null);
    masks?.set(record.key ?? '', numbers[n + RECORD_NUMBERS] ?? 0);
    records.push(record);
  }
  return records;
}
