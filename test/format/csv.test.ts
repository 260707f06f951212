import { describe, expect, it } from 'vitest';
import { CSV_EOL, csvField, csvLine } from '../../src/format/csv.js';

describe('csvField', () => {
  it('writes numbers plain and costs with 6 decimals', () => {
    expect(csvField(1234567, 'totalTokens')).toBe('1234567');
    expect(csvField(0.0462993, 'cost')).toBe('0.046299');
    expect(csvField(12, 'cost')).toBe('12.000000');
    expect(csvField(null, 'cost')).toBe('');
    expect(csvField(true, 'priced')).toBe('true');
  });

  it('quotes commas, quotes and line breaks, doubling quotes (RFC 4180)', () => {
    expect(csvField('a,b', 'x')).toBe('"a,b"');
    expect(csvField('say "hi"', 'x')).toBe('"say ""hi"""');
    expect(csvField('two\nlines', 'x')).toBe('"two\nlines"');
    expect(csvField('plain', 'x')).toBe('plain');
    expect(csvField('ünïcödé ✓', 'x')).toBe('ünïcödé ✓');
  });

  it.each(['=HYPERLINK("x")', '+1', '-home-ann-app', '@SUM(A1)', '\tx', '\rx'])(
    'neutralises %j so a spreadsheet shows it as text',
    (text) => {
      const field = csvField(text, 'projectPath');
      expect(field.replace(/^"/, '').startsWith("'")).toBe(true);
    },
  );

  it('ends every line with CRLF', () => {
    expect(csvLine(['a', 'b'], { a: 'x', b: 2 })).toBe(`x,2${CSV_EOL}`);
    expect(CSV_EOL).toBe('\r\n');
  });
});
