import type { Database } from 'better-sqlite3';

/**
 * The ledger's schema, as the steps that built it. A step is never edited once released: a
 * change is a new step, so a ledger written by any earlier version can be brought forward.
 */
export interface Migration {
  version: number;
  description: string;
  up: (db: Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'tracked files and deduplicated responses',
    up: (db) => {
      db.exec(`
        CREATE TABLE files (
          id INTEGER PRIMARY KEY,
          path TEXT NOT NULL UNIQUE,
          -- the projects/ folder it was found under
          root TEXT NOT NULL,
          -- size and mtime when last read: both unchanged means there is nothing new to read
          size INTEGER NOT NULL,
          mtime_ms REAL NOT NULL,
          -- the offset just past its last complete line: a grown file is read on from here
          complete INTEGER NOT NULL,
          -- hashes of the bytes at its start and just before complete: a file rewritten under
          -- the same name (resume, compaction) does not match them and is read again
          head_hash TEXT NOT NULL,
          tail_hash TEXT NOT NULL,
          -- complete lines read, and the malformed ones among them; then the same for a last
          -- line without its newline (read again next time)
          lines INTEGER NOT NULL,
          malformed INTEGER NOT NULL,
          partial_lines INTEGER NOT NULL,
          partial_malformed INTEGER NOT NULL,
          synced_at INTEGER NOT NULL
        );
        CREATE TABLE responses (
          -- message.id:requestId, or the file and a hash of the line for a line without them
          key TEXT PRIMARY KEY,
          ts INTEGER NOT NULL,
          session_id TEXT NOT NULL,
          project TEXT NOT NULL,
          cwd TEXT,
          model TEXT NOT NULL,
          input INTEGER NOT NULL,
          output INTEGER NOT NULL,
          cache_write_5m INTEGER NOT NULL,
          cache_write_1h INTEGER NOT NULL,
          cache_read INTEGER NOT NULL,
          fast INTEGER NOT NULL,
          sidechain INTEGER NOT NULL,
          -- the file the kept copy came from; responses are never deleted with their file
          file_id INTEGER NOT NULL REFERENCES files (id),
          logged_cost REAL
        ) WITHOUT ROWID;
        CREATE INDEX responses_by_time ON responses (ts);
        CREATE TABLE ledger_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      `);
    },
  },
  {
    version: 2,
    description: 'tool calls, once each by id',
    up: (db) => {
      db.exec(`
        CREATE TABLE tool_uses (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          ts INTEGER NOT NULL,
          session_id TEXT NOT NULL,
          project TEXT NOT NULL,
          cwd TEXT,
          model TEXT NOT NULL
        ) WITHOUT ROWID;
        -- Files read before this version were read for responses only: read every one still
        -- there again from the start to find its tool calls (responses are not counted twice).
        UPDATE files SET complete = 0, head_hash = '', tail_hash = '', lines = 0, malformed = 0,
          partial_lines = 0, partial_malformed = 0, size = -1;
      `);
    },
  },
  {
    version: 3,
    description: 'a snapshot of every response, for reports that read them all',
    up: (db) => {
      db.exec(`
        -- the data version (ledger_info.data_version) of the sync that last wrote the row
        ALTER TABLE responses ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX responses_by_version ON responses (version);
        -- reports read the snapshot, not rows by time: an index less to write on every sync
        DROP INDEX responses_by_time;
        -- every response up to a data version, encoded by src/ledger/snapshot.ts; the rows
        -- written since are read from responses and merged in
        CREATE TABLE snapshot (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          version INTEGER NOT NULL,
          data BLOB NOT NULL
        );
      `);
    },
  },
  {
    version: 4,
    description: 'US data residency, web searches and the log folders of each response',
    up: (db) => {
      db.exec(`
        -- usage.inference_geo as logged ("us" costs more on Claude 4.6 and later), and
        -- usage.server_tool_use.web_search_requests (billed per search)
        ALTER TABLE responses ADD COLUMN inference_geo TEXT;
        ALTER TABLE responses ADD COLUMN web_searches INTEGER NOT NULL DEFAULT 0;
        -- The projects/ folders the ledger has read; a report shows the responses of the
        -- folders in view (and of imported ones). Response roots is a bit mask of root ids
        -- (bit id - 1; ids past 31 share bit 30, so the mask stays a 31-bit integer).
        CREATE TABLE roots (
          id INTEGER PRIMARY KEY,
          path TEXT NOT NULL UNIQUE,
          -- added by usage ledger import: part of the history of every report
          imported INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO roots (path) SELECT DISTINCT root FROM files ORDER BY root;
        ALTER TABLE responses ADD COLUMN roots INTEGER NOT NULL DEFAULT 0;
        UPDATE responses SET roots = coalesce((SELECT 1 << (min(roots.id, 31) - 1)
          FROM files JOIN roots ON roots.path = files.root WHERE files.id = responses.file_id), 0);
        -- Times before 2023 or more than a day ahead are not responses' times (a line with a
        -- year of +010000 emptied every range): such lines are malformed from now on.
        DELETE FROM responses
          WHERE ts < 1672531200000 OR ts > (CAST(strftime('%s', 'now') AS INTEGER) + 86400) * 1000;
        -- Read every file still there again from the start: for these fields (every copy adds
        -- its folder), and for cache writes that earlier versions missed when only the nested
        -- breakdown had them. A copy read again replaces its own row; nothing counts twice.
        UPDATE files SET complete = 0, head_hash = '', tail_hash = '', lines = 0, malformed = 0,
          partial_lines = 0, partial_malformed = 0, size = -1;
      `);
    },
  },
  {
    version: 5,
    description:
      "Claude Code's own figures (rate limits, session cost estimates); responses by session",
    up: (db) => {
      db.exec(`
        -- The latest of each rate-limit window Claude Code handed the status line
        -- (rate_limits.five_hour / seven_day); times in ms since the epoch.
        CREATE TABLE official_limits (
          window TEXT PRIMARY KEY,
          used_percentage REAL NOT NULL,
          resets_at INTEGER NOT NULL,
          observed_at INTEGER NOT NULL,
          session_id TEXT,
          version TEXT
        );
        -- A status line and a live view read the responses of the last days and of one
        -- session, not all of them: 0.3 ms through these against 20-40 ms for a scan of
        -- 70,000 rows (the time index that version 3 dropped comes back for this).
        CREATE INDEX responses_by_time ON responses (ts);
        CREATE INDEX responses_by_session ON responses (session_id);
        -- Claude Code's own latest estimate of each session's cost (cost.total_cost_usd).
        CREATE TABLE session_estimates (
          session_id TEXT PRIMARY KEY,
          cost_usd REAL NOT NULL,
          observed_at INTEGER NOT NULL,
          version TEXT
        );
      `);
    },
  },
  {
    version: 6,
    description: 'priced sums by quarter-hour and model, for the reports of sums',
    up: (db) => {
      db.exec(`
        -- The responses up to a data version, priced and summed by quarter-hour and model
        -- (report/sums.ts): a daily, weekly, monthly or models report reads these and the rows
        -- written since, instead of every response. \`prices\` names the prices they were
        -- priced at, \`responses\` how many responses they sum.
        CREATE TABLE sums (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          version INTEGER NOT NULL,
          prices TEXT NOT NULL,
          responses INTEGER NOT NULL,
          data TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 7,
    description: 'sums by quarter-hour, and by day of the zone the last report of sums was in',
    up: (db) => {
      db.exec(`
        -- Sums are made again from the rows, so the old ones are dropped. \`grain\` says what
        -- each row sums by: 'quarter-hour' (UTC: the days of every zone are made of them), or
        -- 'day <zone>', the days of one zone, made from the quarter hours.
        DROP TABLE sums;
        CREATE TABLE sums (
          grain TEXT PRIMARY KEY,
          version INTEGER NOT NULL,
          prices TEXT NOT NULL,
          responses INTEGER NOT NULL,
          data TEXT NOT NULL
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 8,
    description: 'sessions, projects, folders, models and tool names as ids of strings',
    up: (db) => {
      // The id of the string in column `name` of the old row `t`.
      const id = (name: string) => `(SELECT s.id FROM strings AS s WHERE s.value = t.${name})`;
      db.exec(`
        -- Each string once: rows hold its id (src/ledger/strings.ts). None is ever deleted.
        -- The ids (and file_id) are not declared as foreign keys: checking them cost a lookup
        -- each and a statement journal for every row written, 20-40% of a first sync's writes.
        CREATE TABLE strings (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
        INSERT INTO strings (value)
          SELECT session_id FROM responses UNION SELECT project FROM responses
          UNION SELECT cwd FROM responses WHERE cwd IS NOT NULL UNION SELECT model FROM responses
          UNION SELECT inference_geo FROM responses WHERE inference_geo IS NOT NULL
          UNION SELECT name FROM tool_uses UNION SELECT session_id FROM tool_uses
          UNION SELECT project FROM tool_uses UNION SELECT cwd FROM tool_uses WHERE cwd IS NOT NULL
          UNION SELECT model FROM tool_uses;
        CREATE TABLE responses_by_id (
          key TEXT PRIMARY KEY,
          ts INTEGER NOT NULL,
          session_id INTEGER NOT NULL,
          project INTEGER NOT NULL,
          cwd INTEGER,
          model INTEGER NOT NULL,
          input INTEGER NOT NULL,
          output INTEGER NOT NULL,
          cache_write_5m INTEGER NOT NULL,
          cache_write_1h INTEGER NOT NULL,
          cache_read INTEGER NOT NULL,
          fast INTEGER NOT NULL,
          sidechain INTEGER NOT NULL,
          file_id INTEGER NOT NULL,
          logged_cost REAL,
          version INTEGER NOT NULL DEFAULT 0,
          inference_geo INTEGER,
          web_searches INTEGER NOT NULL DEFAULT 0,
          roots INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        INSERT INTO responses_by_id (key, ts, session_id, project, cwd, model, input, output,
          cache_write_5m, cache_write_1h, cache_read, fast, sidechain, file_id, logged_cost,
          version, inference_geo, web_searches, roots)
        SELECT key, ts, ${id('session_id')}, ${id('project')}, ${id('cwd')}, ${id('model')},
          input, output, cache_write_5m, cache_write_1h, cache_read, fast, sidechain, file_id,
          logged_cost, version, ${id('inference_geo')}, web_searches, roots
        FROM responses AS t;
        DROP TABLE responses;
        ALTER TABLE responses_by_id RENAME TO responses;
        CREATE INDEX responses_by_version ON responses (version);
        CREATE INDEX responses_by_time ON responses (ts);
        CREATE INDEX responses_by_session ON responses (session_id);
        CREATE TABLE tool_uses_by_id (
          id TEXT PRIMARY KEY,
          name INTEGER NOT NULL,
          ts INTEGER NOT NULL,
          session_id INTEGER NOT NULL,
          project INTEGER NOT NULL,
          cwd INTEGER,
          model INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO tool_uses_by_id (id, name, ts, session_id, project, cwd, model)
        SELECT id, ${id('name')}, ts, ${id('session_id')}, ${id('project')}, ${id('cwd')},
          ${id('model')}
        FROM tool_uses AS t;
        DROP TABLE tool_uses;
        ALTER TABLE tool_uses_by_id RENAME TO tool_uses;
      `);
    },
  },
];

export const LATEST_VERSION = MIGRATIONS.length;

/** Written into the file header, so another program's SQLite file is not taken for ours. */
export const APPLICATION_ID = 0x55534c47; // "USLG"

/** The version a ledger is at: the last step applied, 0 for a new file. */
export function schemaVersion(db: Database): number {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    .get();
  if (table === undefined) return 0;
  const row = db.prepare('SELECT max(version) AS version FROM schema_version').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

/**
 * Brings a ledger forward to `target` (the latest by default), one step at a time, all in one
 * write transaction: another process migrating at the same moment waits, then finds the work
 * done; a process killed half-way leaves the file as it was.
 */
export function migrate(db: Database, target = LATEST_VERSION): void {
  db.transaction(() => {
    const current = schemaVersion(db);
    if (current >= target) return;
    if (current === 0) {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.exec(`CREATE TABLE schema_version (
        version INTEGER PRIMARY KEY,
        description TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      )`);
    }
    const record = db.prepare(
      'INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)',
    );
    for (const step of MIGRATIONS) {
      if (step.version <= current || step.version > target) continue;
      step.up(db);
      record.run(step.version, step.description, Date.now());
    }
  }).immediate();
}
