import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli.js';

describe('usage trends on fixtures/rules', () => {
  const rules = path.join(REPO, 'fixtures', 'rules');
  const args = [
    '--data-dir',
    `${rules}/root-a`,
    '--data-dir',
    `${rules}/root-b`,
    '--timezone',
    'Europe/Berlin',
    '--until',
    '2026-11-21',
    '--days',
    '7',
    '--json',
  ];
  const json = (argv: string[]) => JSON.parse(runCli(argv).stdout);

  it('agrees with the daily, hourly and models reports', () => {
    const { trends } = json(['trends', ...args]);
    const range = [
      '--since',
      '2026-11-15',
      ...args.filter((arg) => arg !== '--days' && arg !== '7'),
    ];
    const daily = json(range);
    expect(trends.days).toEqual(
      daily.daily.map((day: { date: string; totalCost: number }) => ({
        date: day.date,
        cost: day.totalCost,
      })),
    );
    // EXPECTED.md: $0.098421 over the 7 days, nothing the week before.
    expect(trends.averageDailyCost).toBeCloseTo(0.098421 / 7, 9);
    expect(trends.weekOverWeek).toEqual({ last7Days: 0.098421, previous7Days: 0, change: null });
    const wednesday = trends.byWeekday.find(
      (day: { weekday: string }) => day.weekday === 'Wednesday',
    );
    expect(wednesday).toEqual({ weekday: 'Wednesday', days: 1, cost: 0.041511, average: 0.041511 });
    const profile = json(['hourly', '--by-hour-of-day', ...range]);
    const hours = profile.hourOfDay
      .filter((hour: { totalCost: number }) => hour.totalCost > 0)
      .sort((a: { totalCost: number }, b: { totalCost: number }) => b.totalCost - a.totalCost)
      .slice(0, 3)
      .map((hour: { hour: string; totalCost: number }) => ({
        hour: Number(hour.hour.slice(0, 2)),
        cost: hour.totalCost,
      }));
    expect(trends.peakHours).toEqual(hours);
    const models = json(['models', ...range]);
    const week = trends.modelMix[0];
    expect(trends.modelMix).toHaveLength(1);
    for (const model of models.models) {
      const mix = week.models.find((entry: { model: string }) => entry.model === model.model);
      expect(mix.cost).toBeCloseTo(model.cost, 9);
    }
  });
});
