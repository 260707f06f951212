#!/usr/bin/env node
// npm run build: bundles the CLI into dist/cli/. One bundle instead of a hundred modules starts
// ~70 ms sooner, and the start matters: a report from the ledger takes little more than that.
// Code that only some commands need (zod, the price updater, the JSON schemas) is split into
// chunks loaded on first use. Every file lands in dist/cli/, so paths relative to
// import.meta.url (the reader thread, package.json, the demo logs) mean the same in src/.
// The maintenance scripts (npm run schemas, npm run prices:build) import the sources too;
// they are bundled to dist/scripts/. Types are checked by `tsc --noEmit` (npm run lint);
// esbuild only strips them.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
rmSync(path.join(repo, 'dist'), { recursive: true, force: true });
// Bundled CommonJS packages (cli-table3) call require(); ESM has none unless we make one.
const banner = {
  js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
};
const common = {
  absWorkingDir: repo,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // A native addon cannot be bundled; it is loaded from node_modules when the ledger is used.
  external: ['better-sqlite3'],
  banner,
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: ['src/cli/main.ts', 'src/logs/read-worker.ts'],
  outdir: 'dist/cli',
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  splitting: true,
});
// The dashboard's page: one script (uPlot bundled in), its styles and its HTML, served from
// dist/dashboard/ by usage dashboard; nothing comes from a CDN.
await build({
  absWorkingDir: repo,
  entryPoints: ['src/dashboard/app.ts'],
  outfile: 'dist/dashboard/app.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  logLevel: 'warning',
});
mkdirSync(path.join(repo, 'dist', 'dashboard'), { recursive: true });
copyFileSync(
  path.join(repo, 'src/dashboard/index.html'),
  path.join(repo, 'dist/dashboard/index.html'),
);
writeFileSync(
  path.join(repo, 'dist/dashboard/app.css'),
  readFileSync(path.join(repo, 'node_modules/uplot/dist/uPlot.min.css'), 'utf8') +
    readFileSync(path.join(repo, 'src/dashboard/app.css'), 'utf8'),
);
await build({
  ...common,
  entryPoints: ['scripts/schemas.mjs', 'scripts/build-prices.mjs'],
  outdir: 'dist/scripts',
  outExtension: { '.js': '.mjs' },
});
