-- Indexes for the per-county figures of plan execution (report plan and
-- the annual report's plans.execution), chosen from bench/run at scale M:
-- labour and training of a county within a period, a county's projects
-- signed within a period (each was a read of the whole period's rows).
CREATE INDEX labour_origin ON labour(origin_code, date);
CREATE INDEX training_origin ON training(origin_code, start_date);
CREATE INDEX projects_recipient_signed ON projects(recipient_code, signed_date);
