import { describe, expect, it } from 'vitest';
import { palette, useColor } from '../../src/format/color.js';

describe('useColor', () => {
  it('colours a terminal and nothing else by default', () => {
    expect(useColor({ flag: undefined, env: {}, isTTY: true })).toBe(true);
    expect(useColor({ flag: undefined, env: {}, isTTY: false })).toBe(false);
  });

  it('honours NO_COLOR, then FORCE_COLOR over it, then the flag over both', () => {
    expect(useColor({ flag: undefined, env: { NO_COLOR: '1' }, isTTY: true })).toBe(false);
    expect(useColor({ flag: undefined, env: { NO_COLOR: '' }, isTTY: true })).toBe(true);
    expect(useColor({ flag: undefined, env: { FORCE_COLOR: '1' }, isTTY: false })).toBe(true);
    expect(useColor({ flag: undefined, env: { FORCE_COLOR: '0' }, isTTY: true })).toBe(false);
    expect(
      useColor({ flag: undefined, env: { FORCE_COLOR: '1', NO_COLOR: '1' }, isTTY: false }),
    ).toBe(true);
    expect(useColor({ flag: false, env: { FORCE_COLOR: '1' }, isTTY: true })).toBe(false);
    expect(useColor({ flag: true, env: { NO_COLOR: '1' }, isTTY: false })).toBe(true);
  });
});

describe('palette', () => {
  it('adds escape codes only when enabled', () => {
    expect(palette(false).cost('$1.00')).toBe('$1.00');
    expect(palette(true).cost('$1.00')).toContain('\u001b[');
  });
});
