import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCost,
  formatInteger,
  formatUsd,
  renderBar,
  roundCost,
} from '../../src/format/numbers.js';

describe('number formatting', () => {
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
