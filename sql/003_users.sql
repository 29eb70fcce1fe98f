-- duikou schema, migration 3: users, their sessions, and failed logins.
-- No secret is stored as given: passwords as argon2id strings (libsodium
-- crypto_pwhash_str), API tokens and session tokens as their SHA-256 in hex.
-- Times are Unix seconds (UTC).

CREATE TABLE users (
  name       TEXT PRIMARY KEY,
  role       TEXT NOT NULL CHECK (role IN ('admin', 'municipal', 'county', 'supporter', 'viewer')),
  scope      TEXT NOT NULL DEFAULT '',   -- county or supporter code; '' for the other roles
  pw_hash    TEXT NOT NULL,              -- argon2id, '$argon2id$v=19$…'
  token_hash TEXT UNIQUE,                -- SHA-256 (hex) of the API token; NULL: none
  disabled   INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL               -- 'YYYY-MM-DDTHH:MM:SSZ'
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,           -- SHA-256 (hex) of the cookie's 256-bit token
  user_name  TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  csrf       TEXT NOT NULL,              -- the token every state-changing request carries
  created    INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL,
  expires    INTEGER NOT NULL            -- created + the absolute lifetime
);
CREATE INDEX sessions_user ON sessions(user_name);

-- One row per failed login, for throttling; rows older than the window
-- are removed as new ones come.
CREATE TABLE login_failures (
  id        INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  user_name TEXT NOT NULL,
  addr      TEXT NOT NULL
);
CREATE INDEX login_failures_user ON login_failures(user_name, at);
CREATE INDEX login_failures_addr ON login_failures(addr, at);
