import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli.js';

describe('README', () => {
  it('shows the real output of the demo command it names', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const match = /On the demo logs \(`usage ([^`]+)`[^\n]*\n\n```\n([\s\S]*?)\n```/.exec(readme);
    expect(match).not.toBeNull();
    const [, command = '', sample = ''] = match ?? [];
    const result = runCli(command.split(' '), { COLUMNS: '80' });
    expect(result.status).toBe(0);
    expect(result.stdout.trimEnd()).toBe(sample);
  });

  it('quick start runs the test command that .ci/run runs', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const ci = readFileSync(path.join(REPO, '.ci', 'run'), 'utf8');
    expect(readme).toContain('npm ci && npm test');
    expect(ci).toMatch(/npm ci\b/);
    expect(ci).toMatch(/^npm test( |$)/m);
  });
});
