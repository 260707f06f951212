import { ExitCode, UsageError } from '../errors.js';

/** LiteLLM's price table, the source of the shipped snapshot and of `usage pricing update`. */
export const LITELLM_URL =
  'https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json';

export interface FetchLimits {
  timeoutMs: number;
  /** The whole table is a few MB; anything far larger is not it. */
  maxBytes: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 20_000, maxBytes: 32 * 1024 * 1024 };

function failure(message: string): UsageError {
  return new UsageError(message, ExitCode.failure);
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

async function readCapped(response: Response, url: string, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw failure(`${url} is ${declared} bytes, over the ${maxBytes}-byte limit; not used`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw failure(`${url} sent more than ${maxBytes} bytes; not used`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Downloads and parses a JSON document within a time and size limit. Every failure is one
 * line for the user (exit 1): unreachable, timed out, an HTTP error, too large, or not JSON.
 */
export async function fetchJson(
  url: string,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<unknown> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let text: string;
  try {
    const response = await fetch(url, { signal });
    if (!response.ok) throw failure(`${url} answered HTTP ${response.status}`);
    text = await readCapped(response, url, limits.maxBytes);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (signal.aborted) throw failure(`${url} did not answer within ${limits.timeoutMs / 1000} s`);
    throw failure(`cannot reach ${url} (${networkReason(error)})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw failure(`${url} did not send JSON`);
  }
}
