// The DuckDB peer of bench/run: loads the tables that bench/run dumped from
// the SQLite database as CSV (with their column types), then runs the SQL
// that `duikou report annual` ran (its DUIKOU_SQL_LOG), best of RUNS, and
// prints one JSON line: load and run times, statements run and failed.
//   node bench/duckdb.mjs DIR SQLFILE RUNS
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [dir, sqlFile, runsArg] = process.argv.slice(2);
if (!dir || !sqlFile) {
  console.error('usage: node bench/duckdb.mjs DIR SQLFILE [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg || 3);

// SQLite's declared types as DuckDB's: integers stay integers, text stays
// text (dates are compared as text in duikou's SQL, as here)
const typeOf = (t) => (/INT/i.test(t) ? 'BIGINT' : 'VARCHAR');

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const t0 = performance.now();
for (const f of readdirSync(dir).filter((n) => n.endsWith('.cols.json')).sort()) {
  const table = f.slice(0, -'.cols.json'.length);
  const cols = JSON.parse(readFileSync(join(dir, f), 'utf8') || '[]');
  if (!cols.length) continue;
  const defs = cols.map((c) => `"${c.name}" ${typeOf(c.type)}`).join(', ');
  const spec = cols.map((c) => `'${c.name}': '${typeOf(c.type)}'`).join(', ');
  await con.run(`CREATE TABLE "${table}" (${defs})`);
  // the sqlite3 shell writes nothing, not even the header, for no rows
  if (statSync(join(dir, table + '.csv')).size === 0) continue;
  await con.run(
    `INSERT INTO "${table}" SELECT * FROM read_csv('${join(dir, table + '.csv')}',` +
      ` header = true, delim = ',', columns = {${spec}}, quote = '"', escape = '"', nullstr = '\\N')`,
  );
}
const loadMs = performance.now() - t0;

// statements end with ";\n" in the log; none of duikou's holds that inside
const statements = readFileSync(sqlFile, 'utf8')
  .split(/;\n/)
  .map((s) => s.trim())
  .filter((s) => s && !/^(BEGIN|COMMIT|ROLLBACK|PRAGMA|SAVEPOINT|RELEASE)\b/i.test(s));
let best = Infinity;
let failed = [];
for (let r = 0; r < runs; r++) {
  failed = [];
  const t = performance.now();
  for (const s of statements) {
    try {
      await (await con.run(s)).getRows();
    } catch (err) {
      failed.push(String(err.message).split('\n')[0]);
    }
  }
  best = Math.min(best, performance.now() - t);
}
console.log(
  JSON.stringify({
    load_ms: Math.round(loadMs),
    run_ms: Math.round(best * 10) / 10,
    statements: statements.length,
    failed: failed.length,
    first_failure: failed[0] || null,
  }),
);
