#!/usr/bin/env node
import { ExitCode } from '../errors.js';

// `usage | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(ExitCode.ok);
  throw error;
});

// Two programs, bundled apart (scripts/build.mjs): the status line, which Claude Code runs every
// few seconds, loads only its own code, and the other commands load theirs in a few files.
const entry =
  process.argv[2] === 'statusline'
    ? await import('./statusline-main.js')
    : await import('./program-main.js');
await entry.run(process.argv);
