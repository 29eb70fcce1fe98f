-- Indexes chosen from the query plans of bench/run (scale M): the project
-- list filtered or scoped by supporter, and by signing year (a range of
-- signed_date), and the distinct years and supporters of its drop-downs.
CREATE INDEX projects_supporter ON projects(supporter_code);
CREATE INDEX projects_signed ON projects(signed_date);
