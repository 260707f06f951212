/**
 * Model names, paths, session and tool names come from files on disk, and a file can hold
 * anything: an escape sequence that retitles the terminal or clears it, a bidi override that
 * shows a path backwards. Before such text reaches a terminal, every control and invisible
 * formatting character is shown as an escape (`\u001b`), so it reads as the data it is.
 */

/** C0 controls but the line break, DEL and C1, zero-width and bidi formatting, the BOM. */
const CONTROLS = '\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f';
const INVISIBLE = '\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff';
const UNSAFE = new RegExp(`[\\n${CONTROLS}${INVISIBLE}]`, 'g');
const UNSAFE_BUT_NEWLINE = new RegExp(`[${CONTROLS}${INVISIBLE}]`, 'g');
/** The colour codes our own palette writes, the only escape sequences a report may carry. */
const SGR = new RegExp(`(${String.fromCharCode(27)}\\[[0-9;]*m)`);

const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escaped(char: string): string {
  return NAMED[char] ?? `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
}

/** Text from the logs as one printable line: every control character shown escaped. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/** A line of ours that may hold our colour codes and text from the logs: one printable line. */
export function printableLine(text: string): string {
  return text
    .split(SGR)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(UNSAFE, escaped)))
    .join('');
}

/**
 * A whole report or message as it may reach a terminal: line breaks and our colour codes kept,
 * anything else that could steer the terminal shown escaped. The last guard, after each
 * renderer has made its data printable.
 */
export function terminalSafe(text: string): string {
  return text
    .split(SGR)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(UNSAFE_BUT_NEWLINE, escaped)))
    .join('');
}
