-- duikou schema, migration 2: the audit trail. Every change to a record —
-- from a form, the API, an import or a plan step — adds one row here in the
-- same transaction as the change. Rows are only ever added.

CREATE TABLE audit (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,      -- UTC, 'YYYY-MM-DDTHH:MM:SSZ'
  user_name  TEXT NOT NULL,      -- the actor's user ("cli:LOGIN" from the command line)
  via        TEXT NOT NULL,      -- form, api, upload, import, plan, cli
  kind       TEXT NOT NULL,      -- the record kind (projects, funds, …)
  record     TEXT NOT NULL,      -- the record's URL id
  action     TEXT NOT NULL,      -- insert, update, delete, or a plan step
  old_values TEXT,               -- JSON object of the columns before; NULL for insert
  new_values TEXT                -- JSON object after; NULL for delete
);
CREATE INDEX audit_kind ON audit(kind, record);
CREATE INDEX audit_user ON audit(user_name, at);

-- The trail is append-only: no statement may change or remove a row.
-- (The two dialects write triggers differently; src/store/db.c keeps the
-- block of the database at hand. The SQLite block is as first applied.)
-- dialect: sqlite
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only: its rows cannot be changed');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only: its rows cannot be deleted');
END;
-- dialect: end
-- dialect: postgresql
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'the audit trail is append-only: its rows cannot be changed';
  END IF;
  RAISE EXCEPTION 'the audit trail is append-only: its rows cannot be deleted';
END
$$;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
-- dialect: end
