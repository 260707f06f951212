import { describe, expect, it } from 'vitest';
import { wrapText } from '../../src/format/wrap.js';

describe('wrapText', () => {
  it('breaks at spaces within the width and indents continuation lines', () => {
    const text = wrapText('Costs leave out 3 requests of models with no known price: a, b.', 30);
    expect(text).toBe('Costs leave out 3 requests of\n  models with no known price:\n  a, b.');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(30);
  });

  it('leaves short text alone and keeps an over-long word whole', () => {
    expect(wrapText('short', 30)).toBe('short');
    expect(wrapText('see /a/very/long/path/that/cannot/break', 10)).toBe(
      'see\n  /a/very/long/path/that/cannot/break',
    );
  });
});
