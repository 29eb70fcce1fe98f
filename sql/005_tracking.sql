-- duikou schema, migration 5: the tracking service of signed projects
-- (一个项目、一位领导、一套班子、一抓到底): the people who lead and serve, each
-- project's leader and team, the service log, and the commitments made to
-- investors with their due and done dates.

-- Officials of a county office (or of a supporter's office) who lead or
-- serve on project teams; division_code is the county or supporter they
-- belong to, which decides who may see and change them.
CREATE TABLE people (
  code          TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  unit          TEXT NOT NULL DEFAULT '',
  title         TEXT NOT NULL DEFAULT '',
  phone         TEXT NOT NULL DEFAULT '',
  division_code TEXT NOT NULL REFERENCES divisions(code)
);

-- A project's responsible leader (role 'leader', one) and team members.
-- person_code names a row of people; a validation rule checks it (not a
-- foreign key, so that an import reports an unknown person at its row).
CREATE TABLE project_team (
  project_code TEXT NOT NULL REFERENCES projects(code) ON DELETE CASCADE,
  person_code  TEXT NOT NULL,
  role         TEXT NOT NULL,
  PRIMARY KEY (project_code, person_code)
);
CREATE INDEX project_team_person ON project_team(person_code);

-- Each service contact with a project: who did what, the problem the
-- enterprise raised, how it was resolved and what comes next.
CREATE TABLE service_log (
  code         TEXT PRIMARY KEY,
  project_code TEXT NOT NULL REFERENCES projects(code) ON DELETE CASCADE,
  date         TEXT NOT NULL,
  who          TEXT NOT NULL DEFAULT '',
  action       TEXT NOT NULL,
  problem      TEXT NOT NULL DEFAULT '',
  resolution   TEXT NOT NULL DEFAULT '',
  next_step    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX service_log_project ON service_log(project_code, date);

-- Promises made to a project (服务承诺制): due by due_date, kept on
-- done_date. status '' means derived: done when done_date is given, else
-- open; 'cancelled' is only ever set.
CREATE TABLE commitments (
  code          TEXT PRIMARY KEY,
  project_code  TEXT NOT NULL REFERENCES projects(code) ON DELETE CASCADE,
  what          TEXT NOT NULL,
  to_whom       TEXT NOT NULL DEFAULT '',
  promised_date TEXT NOT NULL,
  due_date      TEXT NOT NULL,
  done_date     TEXT,
  status        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX commitments_project ON commitments(project_code);
CREATE INDEX commitments_due ON commitments(due_date);
