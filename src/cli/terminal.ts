import { formatBytes, formatInteger } from '../format/numbers.js';
import type { LoadProgress } from '../logs/load.js';

/**
 * Width to lay tables out for: `COLUMNS` when set, the terminal's width on a TTY, else 80,
 * so piped output fits a standard terminal too.
 */
export function outputWidth(
  stream: { isTTY?: boolean; columns?: number },
  env: Record<string, string | undefined>,
): number {
  const fromEnv = Number.parseInt(env.COLUMNS ?? '', 10);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  if (stream.isTTY && stream.columns !== undefined && stream.columns > 0) return stream.columns;
  return 80;
}

const PROGRESS_DELAY_MS = 300;
const PROGRESS_INTERVAL_MS = 100;

/**
 * A one-line progress indicator on stderr for long scans, shown only when both stdout and
 * stderr are terminals (never into a pipe or a redirected report) and only once the scan has
 * taken a moment, so quick runs print nothing but the report.
 */
export function progressReporter(
  stderr: NodeJS.WriteStream,
  stdout: { isTTY?: boolean },
): {
  update: (progress: LoadProgress) => void;
  done: () => void;
} {
  if (!stderr.isTTY || !stdout.isTTY) return { update: () => {}, done: () => {} };
  const started = Date.now();
  let lastDrawn = 0;
  let drawn = false;
  return {
    update(progress) {
      const now = Date.now();
      if (now - started < PROGRESS_DELAY_MS || now - lastDrawn < PROGRESS_INTERVAL_MS) return;
      lastDrawn = now;
      drawn = true;
      stderr.write(
        `\r\x1b[KReading logs: ${formatInteger(progress.filesDone)}/${formatInteger(progress.filesTotal)} files, ` +
          `${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)}`,
      );
    },
    done() {
      if (drawn) stderr.write('\r\x1b[K');
    },
  };
}
