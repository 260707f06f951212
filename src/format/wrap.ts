/** Wraps prose at spaces so no line is longer than `width` (a single longer word stays whole). */
export function wrapText(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `  ${word}`;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/**
 * A frame cut to the terminal's height, so nothing scrolls off: the title stays, the end goes,
 * and the last line says how much is left out.
 */
export function fitToScreen(text: string, rows: number | undefined): string {
  const lines = text.split('\n');
  if (rows === undefined || rows < 2 || lines.length <= rows) return lines.join('\n');
  const kept = lines.slice(0, rows - 1);
  return `${kept.join('\n')}\n… ${lines.length - kept.length} more lines: a taller terminal shows them`;
}
