import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pageCalls, sessionCall, sessionsCall } from '../dashboard/calls.js';
import { ExitCode, UsageError } from '../errors.js';

/**
 * `usage report --html`: the dashboard's page as one file, the answers to its calls embedded,
 * so it opens anywhere without a server. The answers come from the dashboard's own API (asked
 * in-process), so the file shows what the served page would have shown.
 */

type Answers = Record<string, unknown>;

/**
 * The answer to each call one showing of the page makes for `state` at `now`, and to each
 * listed session's; an answer that is not 200 is its error (a 400: the CLI's message, exit 2).
 */
export async function answersOf(
  ask: (call: string) => Response | Promise<Response>,
  state: URLSearchParams,
  now: number,
): Promise<Answers> {
  const answers: Answers = {};
  const take = async (call: string) => {
    const response = await ask(call);
    const body = (await response.json()) as { error?: string };
    if (!response.ok) {
      throw new UsageError(
        body.error ?? `${call}: ${response.status}`,
        response.status === 400 ? ExitCode.usage : ExitCode.failure,
      );
    }
    answers[call] = body;
    return body;
  };
  for (const call of pageCalls(state, now)) await take(call);
  const listed = answers[sessionsCall(state)] as { sessions: { sessionId: string }[] };
  for (const { sessionId } of listed.sessions) await take(sessionCall(state, sessionId));
  return answers;
}

/** A CSP source for one inline script or style: its SHA-256. */
const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Replaces the one `marker` of the page; a page without it is a build that went wrong. */
function inline(html: string, marker: string, replacement: string): string {
  if (!html.includes(marker)) throw new Error(`the dashboard page has no ${marker}`);
  // A function, so `$&` and the like in the bundled script stay as they are.
  return html.replace(marker, () => replacement);
}

/**
 * The page of `assets` (dist/dashboard/) as one file: its styles and script inline, allowed by
 * their hashes alone (no network, nothing else runs), and the data as JSON in a script element
 * that is never run, every `<` escaped so no string from the logs can end it.
 */
export function reportFile(
  assets: string,
  data: { madeAt: number; state: string; answers: Answers },
): string {
  const read = (file: string) => readFileSync(path.join(assets, file), 'utf8');
  const script = read('app.js');
  const styles = read('app.css');
  if (/<\/script/i.test(script) || /<\/style/i.test(styles)) {
    throw new Error('the dashboard bundle cannot be inlined: it holds a closing tag');
  }
  const csp = [
    "default-src 'none'",
    `script-src ${hashOf(script)}`,
    `style-src ${hashOf(styles)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  let html = read('index.html');
  html = inline(
    html,
    '<meta charset="utf-8">',
    `<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${csp}">`,
  );
  html = inline(html, '<link rel="stylesheet" href="/app.css">', `<style>${styles}</style>`);
  return inline(
    html,
    '<script src="/app.js"></script>',
    `<script type="application/json" id="report-data">${json}</script>\n<script>${script}</script>`,
  );
}
