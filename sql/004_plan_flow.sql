-- duikou schema, migration 4: the plan workflow. A county's plan goes
-- draft → submitted → acknowledged (认可, by the paired supporter) →
-- approved (by the municipal office), or back to returned with a reason;
-- each step is one row of plan_steps, dated and signed by its user.

ALTER TABLE plans ADD COLUMN state TEXT NOT NULL DEFAULT 'draft';
-- plans recorded before the workflow with an approver were acknowledged
UPDATE plans SET state = 'acknowledged' WHERE approved_by IS NOT NULL AND approved_by <> '';

CREATE TABLE plan_steps (
  id         INTEGER PRIMARY KEY,
  plan_code  TEXT NOT NULL REFERENCES plans(code) ON DELETE CASCADE,
  step       TEXT NOT NULL,      -- submit, acknowledge, approve, return
  from_state TEXT NOT NULL,
  to_state   TEXT NOT NULL,
  user_name  TEXT NOT NULL,      -- who took the step ("cli:LOGIN" from the command line)
  role       TEXT NOT NULL,      -- the user's role then
  at         TEXT NOT NULL,      -- UTC, 'YYYY-MM-DDTHH:MM:SSZ'
  date       TEXT NOT NULL,      -- the step's day, YYYY-MM-DD
  reason     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_steps_plan ON plan_steps(plan_code, id);
