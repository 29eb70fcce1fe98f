-- duikou schema, migration 9: both sides' books (issue 10 parts 1 and 2).
-- A supporter's office records the transfers it sent (支援方拨付); the county
-- records what arrived (funds) and may confirm a transfer, which links it to
-- the receipt that holds it. The municipal office verifies a receipt
-- (到位核实) with evidence documents; a verified receipt is locked.

CREATE TABLE transfers (
  id           INTEGER PRIMARY KEY,
  code         TEXT UNIQUE,
  project_code TEXT NOT NULL REFERENCES projects(code) ON DELETE CASCADE,
  date         TEXT NOT NULL,
  amount       BIGINT NOT NULL,
  voucher_no   TEXT NOT NULL DEFAULT '',
  note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX transfers_project ON transfers(project_code, date);
CREATE INDEX transfers_date ON transfers(date);

-- a confirmed transfer and the receipt that holds it, one to one
CREATE TABLE transfer_links (
  transfer_id INTEGER NOT NULL REFERENCES transfers(id) ON DELETE CASCADE,
  fund_id     INTEGER NOT NULL UNIQUE REFERENCES funds(id) ON DELETE CASCADE,
  linked_by   TEXT NOT NULL,
  linked_at   TEXT NOT NULL,
  PRIMARY KEY (transfer_id)
);

-- verification: who marked the receipt verified and when (UTC); NULL: not
ALTER TABLE funds ADD COLUMN verified_by TEXT;
ALTER TABLE funds ADD COLUMN verified_at TEXT;

-- evidence documents of a receipt (PDF, PNG, JPEG), their bytes in base64
CREATE TABLE fund_evidence (
  id           INTEGER PRIMARY KEY,
  fund_id      INTEGER NOT NULL REFERENCES funds(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         BIGINT NOT NULL,
  sha256       TEXT NOT NULL,
  data         TEXT NOT NULL,
  uploaded_by  TEXT NOT NULL,
  uploaded_at  TEXT NOT NULL
);
CREATE INDEX fund_evidence_fund ON fund_evidence(fund_id);
