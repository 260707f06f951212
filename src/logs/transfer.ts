import type { PricedRecord, ToolUse } from '../types.js';
import {
  RECORD_NUMBERS,
  RECORD_REFS,
  readRecordColumns,
  StringTable,
  stringAt,
  stringOrNullAt,
  writeRecordColumns,
} from './columns.js';
import type { ReadResult } from './read.js';

/**
 * A reader thread's result as columns of numbers and one table of strings, the way it crosses
 * to the main thread: structured clone of ~35,000 record objects cost the main thread more
 * than half of what the second thread saved (1 GiB: 0.8 s of cloning, rebuilding and garbage
 * against 1.5 s of reading). Typed arrays move without a copy; only the strings are cloned.
 */
export interface EncodedRead {
  strings: string[];
  /** A record's columns (`columns.ts`). */
  recordNumbers: Float64Array;
  /** A record's columns, then its root and its other roots. */
  recordRefs: Uint32Array;
  toolTimes: Float64Array;
  /** 6 a tool call: id, name, session, project, cwd, model. */
  toolRefs: Uint32Array;
  stats: ReadResult['stats'];
  files: ReadResult['files'];
}

const REFS = RECORD_REFS + 2;
const TOOL_REFS = 6;
/** Joins the other roots of a record into one string of the table (a rare field). */
const ROOT_SEPARATOR = '\u0000';

export function encodeRead(read: ReadResult): EncodedRead {
  const table = new StringTable();
  const ref = (value: string | null) => table.ref(value);
  const recordNumbers = new Float64Array(read.records.length * RECORD_NUMBERS);
  const recordRefs = new Uint32Array(read.records.length * REFS);
  read.records.forEach((record, i) => {
    const r = i * REFS;
    writeRecordColumns(record, recordNumbers, i * RECORD_NUMBERS, recordRefs, r, table);
    recordRefs[r + RECORD_REFS] = ref(record.root);
    recordRefs[r + RECORD_REFS + 1] = ref(record.alsoIn?.join(ROOT_SEPARATOR) ?? null);
  });
  const toolTimes = new Float64Array(read.toolUses.length);
  const toolRefs = new Uint32Array(read.toolUses.length * TOOL_REFS);
  read.toolUses.forEach((tool, i) => {
    toolTimes[i] = tool.timestamp;
    const r = i * TOOL_REFS;
    toolRefs[r] = table.once(tool.id);
    toolRefs[r + 1] = ref(tool.name);
    toolRefs[r + 2] = ref(tool.sessionId);
    toolRefs[r + 3] = ref(tool.project);
    toolRefs[r + 4] = ref(tool.cwd);
    toolRefs[r + 5] = ref(tool.model);
  });
  return {
    strings: table.strings,
    recordNumbers,
    recordRefs,
    toolTimes,
    toolRefs,
    stats: read.stats,
    files: read.files,
  };
}

/** The buffers of an encoded read, to hand to `postMessage` as transferred. */
export function transferablesOf(encoded: EncodedRead): ArrayBuffer[] {
  return [
    encoded.recordNumbers.buffer,
    encoded.recordRefs.buffer,
    encoded.toolTimes.buffer,
    encoded.toolRefs.buffer,
  ] as ArrayBuffer[];
}

export function decodeRead(encoded: EncodedRead): ReadResult {
  const { strings, recordNumbers, recordRefs, toolTimes, toolRefs } = encoded;
  const text = (index: number | undefined) => stringAt(strings, index);
  const orNull = (index: number | undefined) => stringOrNullAt(strings, index);
  const records: PricedRecord[] = [];
  for (let i = 0; i < recordNumbers.length / RECORD_NUMBERS; i++) {
    const r = i * REFS;
    const alsoIn = orNull(recordRefs[r + RECORD_REFS + 1]);
    records.push(
      readRecordColumns(
        recordNumbers,
        i * RECORD_NUMBERS,
        recordRefs,
        r,
        strings,
        text(recordRefs[r + RECORD_REFS]),
        alsoIn === null ? null : alsoIn.split(ROOT_SEPARATOR),
      ),
    );
  }
  const toolUses: ToolUse[] = [];
  for (let i = 0; i < toolTimes.length; i++) {
    const r = i * TOOL_REFS;
    toolUses.push({
      id: text(toolRefs[r]),
      name: text(toolRefs[r + 1]),
      timestamp: toolTimes[i] as number,
      sessionId: text(toolRefs[r + 2]),
      project: text(toolRefs[r + 3]),
      cwd: orNull(toolRefs[r + 4]),
      model: text(toolRefs[r + 5]),
    });
  }
  return { records, toolUses, stats: encoded.stats, files: encoded.files };
}
