// What every run loads: dist/cli/main.js and the chunks it imports. Code only one command
// needs (the dashboard's server, zod) stays out of it, so a report starts sooner.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';

const dist = path.join(REPO, 'dist', 'cli');

/** `files` and every chunk they import statically. */
function withImports(files: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(path.join(dist, file), 'utf8');
    for (const [, chunk] of text.matchAll(/^\s*(?:import|export)\b[^;]*?from "\.\/([^"]+)"/gms)) {
      if (chunk !== undefined) visit(chunk);
    }
  };
  for (const file of files) visit(file);
  return [...seen];
}

/**
 * The files a run loads: main.js, the program it imports on start (`report-main` for every
 * command but the status line, `statusline-main` for it), and every chunk those import.
 */
function filesLoadedOnStart(program: Program): string[] {
  const main = readFileSync(path.join(dist, 'main.js'), 'utf8');
  expect(main).toContain(`import("./${program}.js")`);
  return withImports(['main.js', `${program}.js`]);
}

type Program = 'report-main' | 'statusline-main';

const textOf = (files: string[]) =>
  files.map((file) => readFileSync(path.join(dist, file), 'utf8')).join('\n');

/** The code a run loads, as one text. */
function loadedOnStart(program: Program): string {
  return textOf(filesLoadedOnStart(program));
}

/** The code a command other than the default report loads: the whole program too. */
function loadedByTheProgram(): string {
  return textOf(withImports(['main.js', 'report-main.js', 'program-main.js']));
}

describe('the CLI bundle', () => {
  it('does not load the status line with the reports, their tables or the registry', () => {
    const code = loadedOnStart('statusline-main');
    expect(code).toContain('function runStatusline');
    expect(code).not.toContain('function buildProgram');
    // Its options are read without commander; the whole program reads the rest (--help).
    expect(code).not.toMatch(/node_modules\/commander\//);
    expect(code).toContain('import("./program-main.js")');
    expect(code).not.toMatch(/node_modules\/cli-table3\//);
    expect(code).not.toMatch(/src\/reports\/registry\.ts/);
  });

  it('starts the status line in a few files, and not the code of the reports', () => {
    // Each file is resolved, read and compiled on its own (~1 ms each at start).
    const files = filesLoadedOnStart('statusline-main');
    expect(files.length).toBeLessThanOrEqual(4);
    expect(files.length).toBeLessThan(filesLoadedOnStart('report-main').length);
  });

  it('runs the default report without commander, which only the other commands load', () => {
    const code = loadedOnStart('report-main');
    expect(code).toContain('function runDaily');
    expect(code).not.toMatch(/node_modules\/commander\//);
    expect(code).not.toContain('function buildProgram');
    expect(code).toContain('import("./program-main.js")');
    expect(loadedByTheProgram()).toMatch(/node_modules\/commander\//);
  });

  it('loads the table code only for a table: none at start, its chunk when one is drawn', () => {
    expect(loadedByTheProgram()).not.toMatch(/node_modules\/cli-table3\//);
    const chunks = readdirSync(dist).filter((file) =>
      readFileSync(path.join(dist, file), 'utf8').includes('node_modules/cli-table3/'),
    );
    expect(chunks).toEqual([expect.stringMatching(/^cli-table3-\w+\.js$/)]);
    expect(loadedOnStart('report-main')).toContain(`import("./${chunks[0]}")`);
  });

  it('does not load the dashboard server or zod to start', () => {
    const code = loadedByTheProgram();
    expect(code).toContain('registry'); // the reports are there
    expect(code).not.toMatch(/node_modules\/hono\//);
    expect(code).not.toMatch(/node_modules\/@hono\//);
    expect(code).not.toMatch(/node_modules\/zod\//);
  });

  it.each(['report-main', 'statusline-main', 'the whole program'] as const)(
    'starts %s without the built-ins few runs use (crypto, child processes, threads)',
    (program) => {
      const code = program === 'the whole program' ? loadedByTheProgram() : loadedOnStart(program);
      // Each costs milliseconds of every start; they are loaded where they are used.
      expect(code).not.toMatch(/from "node:(crypto|child_process|worker_threads)"/);
      expect(code).not.toMatch(/= __require\("node:(crypto|child_process|worker_threads)"\)/);
      // node:tty loads node:net; chalk asked it how much colour a terminal takes.
      expect(code).not.toMatch(/from "node:tty"/);
      // A module of every property of process, made to import the global (chalk does).
      expect(code).not.toMatch(/from "node:process"/);
      // require() for the bundled CommonJS packages is made on first use, not in every chunk.
      expect(code).not.toMatch(/const require = __createRequire\(/);
    },
  );

  it("bundles better-sqlite3's JavaScript, not loaded from node_modules file by file", () => {
    const all = readdirSync(dist)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(path.join(dist, file), 'utf8'))
      .join('\n');
    expect(all).toMatch(/node_modules\/better-sqlite3\/lib\/database\.js/);
    expect(all).not.toMatch(/from "better-sqlite3"/);
  });
});
