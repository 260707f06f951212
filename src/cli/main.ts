#!/usr/bin/env node

// Two programs, bundled apart (scripts/build.mjs): the status line, which Claude Code runs every
// few seconds, loads only its own code, and the other commands load theirs in a few files
// (the default report without commander, report-main.ts).
const entry =
  process.argv[2] === 'statusline'
    ? await import('./statusline-main.js')
    : await import('./report-main.js');
await entry.run(process.argv);
