import { describe, expect, it } from 'vitest';
import { outputWidth } from '../../src/cli/terminal.js';

describe('outputWidth', () => {
  it('uses the terminal width on a TTY and 80 columns when piped', () => {
    expect(outputWidth({ isTTY: true, columns: 132 }, {})).toBe(132);
    expect(outputWidth({ isTTY: false }, {})).toBe(80);
  });

  it('lets COLUMNS override both, ignoring nonsense', () => {
    expect(outputWidth({ isTTY: true, columns: 132 }, { COLUMNS: '100' })).toBe(100);
    expect(outputWidth({ isTTY: false }, { COLUMNS: '200' })).toBe(200);
    expect(outputWidth({ isTTY: false }, { COLUMNS: 'wide' })).toBe(80);
    expect(outputWidth({ isTTY: false }, { COLUMNS: '0' })).toBe(80);
  });
});
