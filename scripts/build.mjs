#!/usr/bin/env node
// npm run build: bundles the CLI into dist/cli/. Bundles instead of a hundred modules start
// ~70 ms sooner, and the start matters: a report from the ledger takes little more than that.
// Code that only some commands need (zod, the price updater, the JSON schemas) is split into
// chunks loaded on first use. Every file lands in dist/cli/, so paths relative to
// import.meta.url (the reader thread, package.json, the demo logs) mean the same in src/.
// The maintenance scripts (npm run schemas, npm run prices:build) import the sources too;
// they are bundled to dist/scripts/. Types are checked by `tsc --noEmit` (npm run lint);
// esbuild only strips them.
import nodeFs, { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
rmSync(path.join(repo, 'dist'), { recursive: true, force: true });
// Bundled CommonJS packages (cli-table3) call require(); ESM has none unless we make one. It is
// made on the first call: made in each of the ~20 chunks a run loads, it cost ~5 ms of the start.
const banner = {
  js: "import { createRequire as __createRequire } from 'node:module'; let __requireHere; const require = (id) => (__requireHere ??= __createRequire(import.meta.url))(id);",
};
// Imports that cost every start a few milliseconds for nothing usage needs:
// - `import process from 'node:process'` (chalk's supports-color) has Node build a module of
//   every property of process, running getters such as allowedNodeEnvironmentFlags; the global
//   is the same object.
// - chalk works out on import how much colour stdout and stderr take, loading node:tty (and
//   with it node:net) to ask; usage always tells it the level (format/color.ts), so it gets
//   the answer "none" for the default it never uses.
// - `import { readFileSync } from 'node:fs'` has Node build a module of every export of fs,
//   running its getters, among them ReadStream's, which loads Node's stream code (~3 ms of a
//   status line, which otherwise never needs it): it gets the functions from `require`, the
//   getters left out (a getter imported would fail the build, not the run).
// - commander requires node:child_process (and with it node:net) for subcommands that are
//   executables of their own, which usage has none of; it gets a stand-in that loads the real
//   module if it is ever called.
const startupShims = {
  name: 'startup-shims',
  setup(build) {
    build.onResolve({ filter: /^node:process$/ }, (args) =>
      args.kind === 'import-statement' ? { path: 'process', namespace: 'shim' } : undefined,
    );
    build.onResolve({ filter: /^node:fs$/ }, (args) =>
      args.kind === 'import-statement' ? { path: 'fs', namespace: 'shim' } : undefined,
    );
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.kind === 'require-call' && args.importer.includes('/node_modules/commander/')
        ? { path: 'child_process', namespace: 'shim' }
        : undefined,
    );
    build.onResolve({ filter: /^#supports-color$/ }, (args) =>
      args.importer.includes('/node_modules/chalk/')
        ? { path: 'supports-color', namespace: 'shim' }
        : undefined,
    );
    build.onLoad({ filter: /^supports-color$/, namespace: 'shim' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
    }));
    build.onLoad({ filter: /^process$/, namespace: 'shim' }, () => ({
      contents: 'export default globalThis.process;',
    }));
    build.onLoad({ filter: /^fs$/, namespace: 'shim' }, () => ({
      contents: [
        "const fs = require('node:fs');",
        'export default fs;',
        ...Object.entries(Object.getOwnPropertyDescriptors(nodeFs))
          .filter(([, descriptor]) => descriptor.get === undefined)
          .map(([name]) => `export const ${name} = fs.${name};`),
      ].join('\n'),
    }));
    build.onLoad({ filter: /^child_process$/, namespace: 'shim' }, () => ({
      contents:
        "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
    }));
  },
};
const common = {
  absWorkingDir: repo,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // better-sqlite3's JavaScript is bundled; its addon, which cannot be, is loaded from its
  // package by path (ledger/sqlite.ts), so `bindings`, which would look for it, is never called.
  external: ['bindings'],
  banner,
  plugins: [startupShims],
  logLevel: 'warning',
};
// Three bundles: main.js only picks the program. A bundle's lazy imports and second entry split
// its shared code into chunks, each a file more to resolve, read and compile at start (~1 ms
// each), so the reports and the status line are built apart: each loads its code in a few
// files (the status line none of the reports', the reports none of the status line's), and
// the chunks that only some commands need (zod, the dashboard's server) stay out. The default
// report starts from report-main.js without commander, which program-main.js (every other
// command, help, a mistake) brings.
const cli = { ...common, outdir: 'dist/cli', entryNames: '[name]', chunkNames: '[name]-[hash]' };
await build({
  ...cli,
  entryPoints: [
    'src/cli/program-main.ts',
    'src/cli/report-main.ts',
    'src/logs/read-worker.ts',
    'src/ledger/index-worker.ts',
  ],
  splitting: true,
});
await build({
  ...cli,
  entryPoints: ['src/cli/statusline-main.ts'],
  splitting: true,
  // Options it cannot read without commander go to the whole program, bundled above.
  external: [...common.external, './program-main.js'],
});
await build({
  ...cli,
  entryPoints: ['src/cli/main.ts'],
  external: [...common.external, './report-main.js', './statusline-main.js'],
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
