import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/gen.mjs';
import {
  formatBytes,
  formatCost,
  formatInteger,
  formatUsd,
  renderBar,
  roundCost,
} from '../../src/format/numbers.js';

describe('number formatting', () => {
  it('writes numbers as Intl.NumberFormat en-US does, halfway values and all', () => {
    const usd = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    const random = mulberry32(9);
    const values = [
      0,
      -0,
      0.005,
      0.015,
      1.005,
      2.675,
      9.995,
      99.995,
      999.995,
      0.5,
      1.5,
      2.5,
      -1.005,
      -0.001,
      1e21,
      1e-7,
      123456789.125,
      4.35,
      1.45,
      Number.MAX_SAFE_INTEGER,
    ];
    for (let i = 0; i < 20_000; i++) {
      const scale = 10 ** Math.floor(random() * 9);
      values.push(random() * scale, Math.round(random() * scale * 1000) / 1000 + 0.005);
      values.push(Math.round(random() * 1e6) / 2, -random() * scale);
    }
    // One deliberate difference: what rounds to zero has no minus sign (Intl: -$0.00, -0).
    const unsigned = (text: string) => text.replace(/^-(\$?0(\.00)?)$/, '$1');
    for (const value of values) {
      if (!(value > 0 && value < 0.005)) {
        expect(formatUsd(value), String(value)).toBe(unsigned(usd.format(value)));
      }
      expect(formatInteger(value), String(value)).toBe(unsigned(integer.format(value)));
    }
  });

  it('groups thousands', () => {
    expect(formatInteger(0)).toBe('0');
    expect(formatInteger(1234567)).toBe('1,234,567');
  });

  it('renders sizes in KiB below a MiB, with a decimal below 10 MiB', () => {
    expect(formatBytes(0)).toBe('0 KiB');
    expect(formatBytes(2048)).toBe('2 KiB');
    expect(formatBytes(1_572_864)).toBe('1.5 MiB');
    expect(formatBytes(524_288_000)).toBe('500 MiB');
    expect(formatBytes(2 ** 40)).toBe('1,048,576 MiB');
  });

  it('renders dollars with cents, and tiny amounts as <$0.01', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(1234.567)).toBe('$1,234.57');
    expect(formatUsd(0.004)).toBe('<$0.01');
    expect(formatUsd(0.005)).toBe('$0.01');
  });

  it('marks a cost that leaves out unpriced requests', () => {
    expect(formatCost(12.34, true)).toBe('$12.34+');
    expect(formatCost(12.34, false)).toBe('$12.34');
  });

  it('rounds machine output to a billionth, dropping float noise', () => {
    expect(0.041511 + 0.007505 + 0.04915 + 0.000255).not.toBe(0.098421);
    expect(roundCost(0.041511 + 0.007505 + 0.04915 + 0.000255)).toBe(0.098421);
  });

  it('draws bars to an eighth of a cell', () => {
    expect(renderBar(1, 4)).toBe('████');
    expect(renderBar(0.5, 4)).toBe('██');
    expect(renderBar(0.5 + 1 / 32, 4)).toBe('██▏');
    expect(renderBar(0, 4)).toBe('');
  });
});
