import { describe, expect, it } from 'vitest';
import { fitToScreen, wrapText } from '../../src/format/wrap.js';

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

describe('fitToScreen', () => {
  const frame = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
  it('keeps the top of a frame taller than the screen and says what is cut', () => {
    const lines = fitToScreen(frame, 12).split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe('line 1');
    expect(lines[11]).toBe('… 9 more lines: a taller terminal shows them');
  });
  it('leaves a frame that fits, or a screen of unknown height, alone', () => {
    expect(fitToScreen(frame, 20)).toBe(frame);
    expect(fitToScreen(frame, undefined)).toBe(frame);
  });
});
