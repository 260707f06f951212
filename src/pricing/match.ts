const DATE_SUFFIX = /-\d{8}$/;

/**
 * The plain Anthropic id inside a provider id: `us.anthropic.claude-sonnet-4-5-20250929-v1:0`,
 * `bedrock/…/anthropic.claude-…`, `vertex_ai/claude-opus-4-6@20260205` and `anthropic/claude-…`
 * all name the same model as `claude-…` with a `-YYYYMMDD` date.
 */
export function canonicalModelId(id: string): string {
  // Claude Code names the 1M-context variant `…[1m]`; the API bills the model itself.
  let canonical = id
    .trim()
    .toLowerCase()
    .replace(/\[[a-z0-9]+\]$/, '');
  const start = canonical.lastIndexOf('claude');
  if (start > 0) canonical = canonical.slice(start);
  return (
    canonical
      .replace(/@(\d{8})$/, '-$1')
      .replace(/(?<=\d)-v\d+(?::\d+)?$/, '')
      // `-latest` names the newest snapshot of the same version, like an id without its date.
      .replace(/-latest$/, '')
      // Some gateways write versions with dots: `claude-sonnet-4.5`.
      .replace(/(?<=\d)\.(?=\d)/g, '-')
  );
}

export function withoutDateSuffix(id: string): string {
  return id.replace(DATE_SUFFIX, '');
}

/**
 * A model id short enough for a table cell: `claude-sonnet-4-5-20250929` -> `sonnet-4-5`,
 * `claude-3-5-haiku-20241022` -> `haiku-3-5`. Ids that are not Claude's are left alone.
 */
export function shortModelName(model: string): string {
  const canonical = withoutDateSuffix(canonicalModelId(model));
  if (!canonical.startsWith('claude-')) return model;
  const name = canonical.slice('claude-'.length);
  const versionFirst = /^(\d+(?:-\d+)?)-([a-z]+)$/.exec(name);
  return versionFirst === null ? name : `${versionFirst[2]}-${versionFirst[1]}`;
}

/** One name a price can be found by: a model id or one of its aliases. */
export interface PricedName<T> {
  name: string;
  /** The model id the price belongs to. */
  entry: string;
  value: T;
  /** Lower wins where several entries are the same model under other spellings. */
  rank: number;
}

/** A match, and whether it was the id itself or another spelling of it. */
export interface ModelMatch<T> {
  /** The model id the price belongs to. */
  entry: string;
  value: T;
  exact: boolean;
}

interface Candidate<T> extends PricedName<T> {
  /** The name is a plain Anthropic id itself, not a provider's copy (whose price may differ). */
  plain: boolean;
  date: string;
}

function preferred<T>(a: Candidate<T> | undefined, b: Candidate<T>): Candidate<T> {
  if (a === undefined) return b;
  if (a.rank !== b.rank) return a.rank < b.rank ? a : b;
  if (a.plain !== b.plain) return a.plain ? a : b;
  return b.date > a.date ? b : a;
}

/**
 * Finds a model's price: the exact id first, then the same model under another spelling (the
 * provider's, or with or without its date suffix). Only an 8-digit date is ever dropped, so a
 * version is never guessed: `claude-opus-4` can match `claude-opus-4-20250514` but never
 * `claude-opus-4-1`. Where several entries fit, the best ranked wins, then Anthropic's own id
 * over a provider's.
 */
export class ModelMatcher<T> {
  private readonly names: PricedName<T>[];
  private readonly exact = new Map<string, PricedName<T>>();
  /**
   * Made on the first id that is not in the table as it is: the ids of most logs are, and
   * working out the other spellings of every name (hundreds, with the providers') took ~2 ms
   * of every run.
   */
  private spellings: {
    byCanonical: Map<string, Candidate<T>>;
    byUndated: Map<string, Candidate<T>>;
  } | null = null;
  private readonly cache = new Map<string, ModelMatch<T> | null>();

  constructor(names: Iterable<PricedName<T>>) {
    this.names = [...names];
    for (const named of this.names) {
      const known = this.exact.get(named.name);
      if (known === undefined || named.rank < known.rank) this.exact.set(named.name, named);
    }
  }

  private otherSpellings() {
    if (this.spellings !== null) return this.spellings;
    const byCanonical = new Map<string, Candidate<T>>();
    const byUndated = new Map<string, Candidate<T>>();
    for (const named of this.names) {
      const canonical = canonicalModelId(named.name);
      const candidate: Candidate<T> = {
        ...named,
        plain: canonical === named.name,
        date: DATE_SUFFIX.exec(canonical)?.[0] ?? '',
      };
      byCanonical.set(canonical, preferred(byCanonical.get(canonical), candidate));
      const undated = withoutDateSuffix(canonical);
      byUndated.set(undated, preferred(byUndated.get(undated), candidate));
    }
    this.spellings = { byCanonical, byUndated };
    return this.spellings;
  }

  /** The price of a model id as it appears in the logs, or null when none is known. */
  match(model: string): ModelMatch<T> | null {
    const cached = this.cache.get(model);
    if (cached !== undefined) return cached;
    const found = this.exact.get(model) ?? this.otherSpelling(model);
    const match =
      found === null
        ? null
        : { entry: found.entry, value: found.value, exact: found.name === model };
    this.cache.set(model, match);
    return match;
  }

  private otherSpelling(model: string): PricedName<T> | null {
    const { byCanonical, byUndated } = this.otherSpellings();
    const canonical = canonicalModelId(model);
    return byCanonical.get(canonical) ?? byUndated.get(withoutDateSuffix(canonical)) ?? null;
  }
}
