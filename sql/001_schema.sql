-- duikou schema, migration 1: the records of a counterpart-support program.
-- Money is integer yuan (BIGINT); dates are 'YYYY-MM-DD' text; code lists
-- are checked by the application (src/model/codes.c), which owns the labels.
-- Written in the SQL that SQLite and PostgreSQL share.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE programs (
  code       TEXT PRIMARY KEY,
  name_zh    TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  start_year INTEGER NOT NULL
);

-- GB/T 2260 administrative divisions: provinces, the cities that act as
-- supporters, and the districts/counties that receive support.
CREATE TABLE divisions (
  code           TEXT PRIMARY KEY,
  name_zh        TEXT NOT NULL,
  name_en        TEXT NOT NULL,
  level          TEXT NOT NULL,
  parent_code    TEXT,
  province       TEXT NOT NULL,
  reservoir_area TEXT NOT NULL DEFAULT 'no',
  reservoir_group TEXT NOT NULL DEFAULT ''
);
CREATE INDEX divisions_name ON divisions(name_zh);

-- GB/T 4754-2017 sections (门类) and divisions (大类) with their tier
-- (一/二/三产业) by the 2018 rules.
CREATE TABLE industry_sections (
  code    TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  tier    INTEGER NOT NULL
);
CREATE TABLE industry_divisions (
  code    TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  section TEXT NOT NULL REFERENCES industry_sections(code),
  tier    INTEGER NOT NULL
);

CREATE TABLE pairings (
  program        TEXT NOT NULL REFERENCES programs(code),
  supporter_code TEXT NOT NULL REFERENCES divisions(code),
  recipient_code TEXT NOT NULL REFERENCES divisions(code),
  since_year     INTEGER NOT NULL,
  until_year     INTEGER,
  PRIMARY KEY (program, supporter_code, recipient_code)
);

CREATE TABLE conferences (
  code    TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  date    TEXT NOT NULL,
  place   TEXT NOT NULL DEFAULT '',
  program TEXT NOT NULL DEFAULT 'sanxia' REFERENCES programs(code)
);

CREATE TABLE projects (
  code             TEXT PRIMARY KEY,
  name             TEXT NOT NULL,
  program          TEXT NOT NULL REFERENCES programs(code),
  category         TEXT NOT NULL,
  recipient_code   TEXT NOT NULL REFERENCES divisions(code),
  supporter_code   TEXT NOT NULL REFERENCES divisions(code),
  conference       TEXT REFERENCES conferences(code),
  signed_date      TEXT NOT NULL,
  investor         TEXT NOT NULL DEFAULT '',
  ownership        TEXT NOT NULL DEFAULT '',
  industry_code    TEXT NOT NULL,
  total_investment BIGINT,
  contract_amount  BIGINT,
  private_amount   BIGINT,
  status           TEXT NOT NULL,
  status_date      TEXT NOT NULL,
  jobs             INTEGER,
  leader           TEXT NOT NULL DEFAULT '',
  team             TEXT NOT NULL DEFAULT '',
  service_mode     TEXT NOT NULL DEFAULT '',
  green_channel    INTEGER NOT NULL DEFAULT 0,
  policy_note      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX projects_program ON projects(program, signed_date);
CREATE INDEX projects_conference ON projects(conference);
CREATE INDEX projects_recipient ON projects(recipient_code);

-- The dated status history; a project's status on a day is the last entry
-- dated on or before it.
CREATE TABLE status_history (
  project_code TEXT NOT NULL REFERENCES projects(code) ON DELETE CASCADE,
  date         TEXT NOT NULL,
  status       TEXT NOT NULL,
  PRIMARY KEY (project_code, date)
);

-- Fund receipts (到位资金). code is the receipt's own number when the office
-- keeps one; rows imported without one get 'R' followed by their id.
CREATE TABLE funds (
  id           INTEGER PRIMARY KEY,
  code         TEXT UNIQUE,
  project_code TEXT NOT NULL REFERENCES projects(code) ON DELETE CASCADE,
  date         TEXT NOT NULL,
  amount       BIGINT NOT NULL,
  side         TEXT NOT NULL,
  source_type  TEXT NOT NULL DEFAULT '',
  note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX funds_project ON funds(project_code, date);
CREATE INDEX funds_date ON funds(date);

CREATE TABLE labour (
  code             TEXT PRIMARY KEY,
  date             TEXT NOT NULL,
  origin_code      TEXT NOT NULL REFERENCES divisions(code),
  destination_code TEXT REFERENCES divisions(code),
  employer         TEXT NOT NULL DEFAULT '',
  mode             TEXT NOT NULL,
  headcount        INTEGER NOT NULL,
  contract_no      TEXT NOT NULL DEFAULT '',
  supporter_code   TEXT REFERENCES divisions(code),
  program          TEXT NOT NULL DEFAULT 'sanxia' REFERENCES programs(code)
);
CREATE INDEX labour_date ON labour(date);

CREATE TABLE training (
  code           TEXT PRIMARY KEY,
  kind           TEXT NOT NULL,
  start_date     TEXT NOT NULL,
  days           INTEGER NOT NULL,
  origin_code    TEXT NOT NULL REFERENCES divisions(code),
  host_code      TEXT REFERENCES divisions(code),
  topic          TEXT NOT NULL DEFAULT '',
  headcount      INTEGER NOT NULL,
  supporter_code TEXT REFERENCES divisions(code),
  program        TEXT NOT NULL DEFAULT 'sanxia' REFERENCES programs(code)
);
CREATE INDEX training_date ON training(start_date);

CREATE TABLE plans (
  code            TEXT PRIMARY KEY,
  recipient_code  TEXT NOT NULL REFERENCES divisions(code),
  start_year      INTEGER NOT NULL,
  end_year        INTEGER NOT NULL,
  target_projects INTEGER,
  target_funds    BIGINT,
  target_labour   INTEGER,
  target_training INTEGER,
  focus           TEXT NOT NULL DEFAULT '',
  approved_by     TEXT REFERENCES divisions(code),
  approved_date   TEXT,
  program         TEXT NOT NULL DEFAULT 'sanxia' REFERENCES programs(code)
);

CREATE TABLE visits (
  id             INTEGER PRIMARY KEY,
  date           TEXT NOT NULL,
  direction      TEXT NOT NULL,
  supporter_code TEXT NOT NULL REFERENCES divisions(code),
  recipient_code TEXT REFERENCES divisions(code),
  leader         TEXT NOT NULL DEFAULT '',
  rank           TEXT NOT NULL DEFAULT '',
  purpose        TEXT NOT NULL DEFAULT '',
  program        TEXT NOT NULL DEFAULT 'sanxia' REFERENCES programs(code)
);
CREATE INDEX visits_date ON visits(date);
