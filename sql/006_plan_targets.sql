-- duikou schema, migration 6: a plan's targets by year. A plan keeps its
-- totals (plans.target_*); where the county also gives the share of each
-- year, one row per year says it, and `report plan` measures the target due
-- so far by the years elapsed instead of pro rata of the time elapsed
-- (docs/reports.md). An empty target is "not given for that year".

CREATE TABLE plan_targets (
  plan_code       TEXT NOT NULL REFERENCES plans(code) ON DELETE CASCADE,
  year            INTEGER NOT NULL,
  target_projects INTEGER,
  target_funds    BIGINT,
  target_labour   INTEGER,
  target_training INTEGER,
  PRIMARY KEY (plan_code, year)
);
