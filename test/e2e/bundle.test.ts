// What every run loads: dist/cli/main.js and the chunks it imports. Code only one command
// needs (the dashboard's server, zod) stays out of it, so a report starts sooner.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';

const dist = path.join(REPO, 'dist', 'cli');

/** main.js and every chunk it imports statically, transitively. */
function loadedOnStart(): string {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(path.join(dist, file), 'utf8');
    for (const [, chunk] of text.matchAll(/^\s*(?:import|export)\b[^;]*?from "\.\/([^"]+)"/gms)) {
      if (chunk !== undefined) visit(chunk);
    }
  };
  visit('main.js');
  return [...seen].map((file) => readFileSync(path.join(dist, file), 'utf8')).join('\n');
}

describe('the CLI bundle', () => {
  it('does not load the dashboard server or zod to start', () => {
    const code = loadedOnStart();
    expect(code).toContain('registry'); // the reports are there
    expect(code).not.toMatch(/node_modules\/hono\//);
    expect(code).not.toMatch(/node_modules\/@hono\//);
    expect(code).not.toMatch(/node_modules\/zod\//);
  });
});
