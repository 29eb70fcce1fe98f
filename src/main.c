/* duikou: command dispatch. Global options come before the command:
 *   duikou [--db PATH] COMMAND [ARGS] */
#include "cmd/cmd.h"
#include "store/db.h"
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DUIKOU_VERSION "0.1.0"

const struct command commands[] = {
        {"init", cmd_init, "create an empty database holding the reference data",
         "usage: duikou [--db PATH] init [--force]\n"
         "\n"
         "Creates the database (default ./duikou.db) with the schema and the reference\n"
         "data: GB/T 2260 divisions, GB/T 4754-2017 industries with their tiers, the\n"
         "programs (sanxia first) and the attested pairings. Running it on an existing\n"
         "database brings the schema and reference data up to date and keeps records.\n"
         "  --force   remove an existing database file first (its records are lost)\n"},
        {"demo", cmd_demo, "create a database holding the demo world of the 2004 seed",
         "usage: duikou [--db PATH] demo [--force]\n"
         "\n"
         "Creates a database holding the demo world (演示数据): the Chongqing Three Gorges\n"
         "program of 2003-2004, from which `duikou report annual --year 2004` writes the\n"
         "2004 summary. Refuses to touch an existing database unless --force is given,\n"
         "which replaces it.\n"},
        {"gen", cmd_gen, "create a database holding a synthetic world for benchmarks",
         "usage: duikou [--db PATH] gen --scale S|M|L [--seed N] [--force] [--csv DIR]\n"
         "\n"
         "Creates a database holding a deterministic synthetic world (合成数据) over the\n"
         "four programs, twenty years (2005-2024), the reservoir area's counties and\n"
         "generated ones elsewhere (named 合成 so they are never taken for real ones),\n"
         "with the demo's shapes: status pipelines, receipts spread over years, labour,\n"
         "training, plans and visits. For benchmarks (bench/run); not real figures.\n"
         "  --scale S|M|L  S: 2,000 projects and 40,000 fund receipts; M: 100,000 and\n"
         "                 2,000,000 (200,000 labour batches, 100,000 courses); L: ten\n"
         "                 times M\n"
         "  --seed N       another world of the same size (default 1)\n"
         "  --force        replace an existing database\n"
         "  --csv DIR      also write every kind's records to DIR/KIND.csv, in the\n"
         "                 import columns (they import into a database that holds the\n"
         "                 same generated counties, e.g. one made by gen and emptied)\n"
         "A progress line is shown on a terminal. Like demo, all or nothing.\n"},
        {"import", cmd_import, "load records of one kind from a CSV or .xlsx file, all rows or none",
         "usage: duikou [--db PATH] import KIND FILE [--dry-run]\n"
         "       duikou [--db PATH] import workbook FILE.xlsx [--dry-run]\n"
         "\n"
         "KIND: pairings, conferences, projects, status, funds, labour, training, plans,\n"
         "visits, people, project_team, service_log, commitments (or its Chinese name).\nFILE: a UTF-8 CSV "
         "file, or an .xlsx workbook\n"
         "whose first sheet is read, with a header row (row 1) of the documented column\n"
         "names (English or Chinese); - reads standard input.\n"
         "Every row is checked; on any error each is printed as FILE:ROW:COLUMN: message\n"
         "(for a workbook FILE:SHEET!B37:COLUMN: message), nothing is written and the\n"
         "exit status is 1. A row whose key (its code; for visits date, direction,\n"
         "supporter and recipient) matches an existing record updates it; columns absent\n"
         "from the file keep their values. Fund rows without a code are always new\n"
         "receipts, numbered R<id>. The validation rules (see check) run before anything\n"
         "is written.\n"
         "import workbook: one sheet per kind, each named by its kind (English or\n"
         "Chinese), imported in dependency order in one transaction: all sheets or none.\n"
         "  --dry-run   check every row and report, but write nothing\n"},
        {"export", cmd_export, "write the records of one kind in the import columns",
         "usage: duikou [--db PATH] export KIND [--format csv|xlsx|json] [-o FILE]\n"
         "       duikou [--db PATH] export iati --program P [--year Y] [--reporting-org REF] [-o FILE]\n"
         "\n"
         "Writes every record of KIND with the same columns that import reads, so that\n"
         "importing the export gives the same records. Default: CSV to standard output.\n"
         "Amounts are whole yuan, yes/no columns 1/0, empty values empty (JSON: null).\n"
         "xlsx: one sheet, numbers as numbers, dates as Excel dates, codes as text;\n"
         "it needs -o (exit 2 without).\n"
         "  --format F   csv (default), xlsx or json\n"
         "  -o FILE      write to FILE (via FILE.tmp) instead of standard output\n"
         "\n"
         "export iati writes the projects of program P as IATI 2.03 activity XML: one\n"
         "iati-activity per project, its fund receipts as transactions (README: IATI).\n"
         "  --program P          the program's code (required)\n"
         "  --year Y             as at Y-12-31: projects signed by then, their status\n"
         "                       on that day, receipts dated by then\n"
         "  --reporting-org REF  the publisher's IATI organisation identifier (default\n"
         "                       $DUIKOU_IATI_ORG, else CN-DUIKOU); identifiers are REF-CODE\n"},
        {"report", cmd_report, "write the annual summary, signed-project, plan or funds pivot report",
         "usage: duikou [--db PATH] report annual --year Y [OPTIONS]\n"
         "       duikou [--db PATH] report signed --year Y [OPTIONS]\n"
         "       duikou [--db PATH] report plan --period 2004-2007 [OPTIONS]\n"
         "       duikou [--db PATH] report pivot [--program P] [--format text|csv|json|xlsx]\n"
         "\n"
         "annual: the year's summary, sections 一 to 六 (like the 2004 seed).\n"
         "signed: each project signed at the year's conferences, as of Y-12-31.\n"
         "plan:   the county plans of exactly that period: targets, the part due so far,\n"
         "        actual and an on-track / behind flag per county and measure, and the\n"
         "        five focus areas.\n"
         "pivot:  funds in place by recipient county x supporter x year (every year).\n"
         "Beside the year's figures each gives the cumulative since the program's first\n"
         "year (累计): annual and signed through Y-12-31, plan per county as of --as-of,\n"
         "pivot a running total through each year; in-kind support (物资折款) apart.\n"
         "Definitions of every figure: docs/reports.md.\n"
         "\n"
         "  --year Y        the year (annual, signed)\n"
         "  --period A-B    the plan period (plan)\n"
         "  --as-of DATE    plan: measure as of YYYY-MM-DD (default: the latest record date)\n"
         "  --program P     the program (default sanxia); unknown: exit 1\n"
         "  --format F      text (default), md, html, json or xlsx (a workbook: one sheet\n"
         "                  per section, the JSON's figures; needs -o); the pivot: text,\n"
         "                  csv, json or xlsx\n"
         "  --lang L        zh (default) or en\n"
         "  -o FILE         write to FILE (via FILE.tmp) instead of standard output\n"
         "  --verified      count only the fund receipts verified as arrived (到位核实)\n"},
        {"check", cmd_check, "run every validation rule and list each violation",
         "usage: duikou [--db PATH] check\n"
         "\n"
         "Runs every validation rule over the whole database and prints each violation\n"
         "as TABLE:CODE:COLUMN: message on standard output, then a count line. CODE is\n"
         "the record's code (pairings: program/supporter/recipient, status history:\n"
         "project/date, visits: the id). Exit status 1 when there is any, 0 when none.\n"},
        {"serve", cmd_serve, "serve the web pages and the JSON API to signed-in users",
         "usage: duikou [--db PATH] serve [--listen ADDR:PORT] [--threads N] [--tls-proxy]\n"
         "                                [--stale-days N] [--today YYYY-MM-DD] [--weights FILE]\n"
         "\n"
         "Serves the dashboard, the list of every kind (/projects, /funds, …), the\n"
         "pairings matrix, the reports and the JSON API (/api/v1/) over HTTP until\n"
         "SIGINT or SIGTERM (exit 0). The database must\n"
         "exist (duikou init or duikou demo); its schema is brought up to date first.\n"
         "Every page but /login needs a signed-in user (duikou user add); the API takes\n"
         "the session cookie or Authorization: Bearer TOKEN (duikou user token).\n"
         "An address other than the loopback (127.x.x.x) is refused (exit status 1)\n"
         "while the database has no enabled admin user. One access-log line per\n"
         "request, and each failed or refused login, on stderr.\n"
         "  --listen ADDR:PORT  where to listen: an IPv4 address, e.g. 0.0.0.0:8080\n"
         "                      (default 127.0.0.1:8080); port 0 picks a free port, and\n"
         "                      the URL printed at start names it\n"
         "  --threads N         worker threads, each with its own connection (default 4)\n"
         "  --tls-proxy         a TLS proxy is in front (it must pass the Host header):\n"
         "                      session cookies are Secure, and the client address for\n"
         "                      login throttling is the last X-Forwarded-For entry\n"
         "  --stale-days N      the alerts' days without a status change (default 180)\n"
         "  --today D           for tests: the alerts' day instead of the clock's\n"
         "  --weights FILE      the scorecard's weights (duikou scorecard --weights); a bad\n"
         "                      file: FILE:LINE: message, exit 1\n"},
        {"user", cmd_user, "add users, set their passwords and API tokens, disable them",
         "usage: duikou [--db PATH] user add NAME --role ROLE [--scope CODE]\n"
         "                             [--password-stdin | --generate-password]\n"
         "       duikou [--db PATH] user passwd NAME [--password-stdin | --generate-password]\n"
         "       duikou [--db PATH] user list\n"
         "       duikou [--db PATH] user disable NAME\n"
         "       duikou [--db PATH] user enable NAME\n"
         "       duikou [--db PATH] user token NAME\n"
         "\n"
         "The users who sign in to `duikou serve` (the web pages and the API).\n"
         "ROLE: admin, municipal, county (--scope: a county code, e.g. 500101),\n"
         "supporter (--scope: the supporter of a pairing, e.g. 310000) or viewer.\n"
         "NAME: 1 to 64 letters, digits, '.', '_', '-', '@' (Chinese too).\n"
         "Passwords have at least 10 characters and are stored as argon2id hashes only.\n"
         "Without an option the password is asked twice on the terminal (echo off).\n"
         "  --password-stdin     read the password from the first line of standard input\n"
         "  --generate-password  make a random one and print it once\n"
         "passwd:  also ends the user's sessions\n"
         "list:    name, role, scope, disabled, created (never a password or token)\n"
         "disable: the user can no longer sign in; its sessions end at once\n"
         "token:   print a new API token once (Authorization: Bearer TOKEN); the old one\n"
         "         stops working\n"
         "add, passwd, disable, enable and token each add an entry of kind users to the\n"
         "audit trail (`duikou audit --kind users`): role, scope and disabled before and\n"
         "after, never a password or token. Disabling a disabled user (or enabling an\n"
         "enabled one) changes nothing and adds none.\n"
         "Exit status 1 for an unknown user, a taken name, a bad scope or a short password.\n"},
        {"audit", cmd_audit, "list the audit trail: who changed which record, old and new values",
         "usage: duikou [--db PATH] audit [--user U] [--kind K] [--record ID] [--since YYYY-MM-DD]\n"
         "                         [--until YYYY-MM-DD] [--limit N] [--format text|json|csv]\n"
         "\n"
         "Lists the audit trail, newest first: every record added, changed or deleted\n"
         "by an import, a form, an upload or the API, and every change to a user by\n"
         "`duikou user` (kind users, record: the user's name; never a password or\n"
         "token), with the time (UTC), the user (cli:LOGIN for the command line),\n"
         "the way (import, form, upload, api, cli),\n"
         "the action, the kind and the record's id. text shows each changed column as\n"
         "`column: old → new`; json an array of {id, at, user, via, kind, record,\n"
         "action, old, new}; csv the columns at, user, via, action, kind, record,\n"
         "old_values, new_values (JSON objects). The trail cannot be edited.\n"
         "  --user U       entries of the user U\n"
         "  --kind K       entries of the kind K (English or Chinese; users or 用户 for the\n"
         "                 users' changes); --table is the same\n"
         "  --record ID    entries of one record: its id as in the API (code, visit\n"
         "                 number, or key values joined by |)\n"
         "  --since D      entries on or after the day D (UTC); a bad date: exit 1\n"
         "  --until D      entries on or before the day D (UTC)\n"
         "  --limit N      the newest N entries only\n"
         "  --format F     text (default), json or csv\n"},
        {"copy", cmd_copy, "copy every record, user and the audit trail to another database",
         "usage: duikou copy --from DB --to DB [--force]\n"
         "\n"
         "Copies the reference data, every record, the users, the audit trail, the\n"
         "plan steps and the schema version from one database to another: a SQLite\n"
         "file or a postgresql://USER@HOST[:PORT]/NAME URL, either way. Sessions are\n"
         "not copied (users sign in again). All or nothing: the target is written\n"
         "in one transaction, committed only when the export of every kind and every\n"
         "copied table read the same on both; then it prints the rows per table.\n"
         "The source is only read; it must be at this duikou's schema (run init on it).\n"
         "The target is a new file, an empty PostgreSQL database, or one holding only\n"
         "the reference data (after init); one holding records is refused.\n"
         "  --force   replace whatever the target holds (its tables are dropped)\n"
         "Exit status 1 for a target that holds records or an older source schema,\n"
         "2 for wrong usage, 3 for a database error (nothing written).\n"},
        {"template", cmd_template, "write a template workbook to fill in and import",
         "usage: duikou [--db PATH] template KIND -o FILE.xlsx [--lang zh|en]\n"
         "\n"
         "Writes a workbook for entering records of KIND: the first sheet holds only\n"
         "the header (the Chinese column names, which import accepts; English with\n"
         "--lang en), with drop-down lists on code, yes/no, program and division\n"
         "columns (their values on a hidden sheet \"lists\"); a second sheet holds an\n"
         "example row, which is never imported (import reads the first sheet only); a\n"
         "third the instructions (说明). Fill it in and run duikou import KIND FILE.xlsx.\n"
         "  --lang L   zh (default) or en: headers, drop-down values and instructions\n"
         "  -o FILE    the workbook to write (via FILE.tmp)\n"},
        {"alerts", cmd_alerts, "list overdue commitments, stuck projects and projects without a team",
         "usage: duikou [--db PATH] alerts [--as-of YYYY-MM-DD] [--stale-days N] [--county C]\n"
         "                                 [--format text|json]\n"
         "\n"
         "Lists the tracking service's alerts as of a day (default today; $DUIKOU_TODAY\n"
         "sets today for tests). A project is followed when it was signed on or before\n"
         "the day and its status that day is neither operating nor stopped. Alerts:\n"
         "  overdue_commitment  a commitment due before the day, not done (nor cancelled)\n"
         "  stale               a followed project whose status last changed N or more\n"
         "                      days before the day\n"
         "  no_leader, no_team  a followed project without a leader, without team members\n"
         "  --as-of D        the day (a bad date: exit 1)\n"
         "  --stale-days N   days without a status change (default 180)\n"
         "  --county C       only the projects of county C\n"
         "  --format F       text (default: one line per alert, then the counts) or json\n"
         "Exit status 1 when there is any alert, 0 when none (for cron).\n"},
        {"backup", cmd_backup, "copy the SQLite database to a file while it is served and written",
         "usage: duikou [--db PATH] backup FILE [--force]\n"
         "\n"
         "Copies the database, as it was at one moment, to FILE with SQLite's online\n"
         "backup API, while `duikou serve` or an import goes on writing to it (they\n"
         "are not stopped). The copy is written to FILE.tmp, checked (PRAGMA\n"
         "integrity_check and a schema version this duikou knows), synced and renamed\n"
         "to FILE; then it prints the schema version and the records of each kind,\n"
         "the users and the audit entries it holds. FILE is one self-contained SQLite\n"
         "file (no -wal beside it) that any duikou command opens with --db.\n"
         "  --force   replace an existing FILE (else refused, exit 1)\n"
         "On PostgreSQL it writes nothing and prints the pg_dump command (exit 2).\n"
         "Exit status 1 for an existing FILE, 3 for a database or disk error (FILE is\n"
         "then left as it was and FILE.tmp removed).\n"},
        {"restore", cmd_restore, "replace the SQLite database by a backup",
         "usage: duikou [--db PATH] restore FILE [--force]\n"
         "\n"
         "Replaces the database (--db) by the backup FILE (from duikou backup, or any\n"
         "duikou SQLite database). FILE is checked first: it must be a SQLite\n"
         "database that passes PRAGMA integrity_check and has a schema version not\n"
         "newer than this duikou's; FILE is only read. The copy is made with SQLite's\n"
         "backup API in one write transaction of the database: a reader sees all of\n"
         "the old one or all of the new, and a failure leaves the old one. A backup of\n"
         "an older duikou is then brought up to date (its migrations). A database\n"
         "locked by another process is refused after the busy timeout (5 s). Stop\n"
         "`duikou serve` before restoring under it. Prints the records of each kind.\n"
         "  --force   replace a database that holds tables (else refused, exit 1);\n"
         "            a missing database file is created without it\n"
         "On PostgreSQL it writes nothing and prints the pg_restore commands (exit 2).\n"
         "Exit status 1 for a missing FILE, a file that is not a duikou database, a\n"
         "newer schema or a database that holds tables without --force; 3 for a\n"
         "database or disk error (the database is left as it was).\n"},
        /* both sides' books (issue 10) */
        {"reconcile", cmd_reconcile, "match the supporters' transfers with the receipts that arrived",
         "usage: duikou [--db PATH] reconcile --year Y [--program P] [--supporter S] [--county C]\n"
         "                                    [--window DAYS] [--format text|json|csv] [--lang zh|en]\n"
         "\n"
         "Matches the transfers the supporters recorded (kind transfers, 支援方拨付) with\n"
         "the receipts from the supporter side the counties recorded (funds, 到位资金),\n"
         "one to one: first each transfer a county confirmed with its receipt, then by\n"
         "project and exact amount within DAYS days either way, the nearest dates first.\n"
         "Prints per supporter and county the year's transfers sent, receipts arrived,\n"
         "the amount matched and sent minus arrived, then every transfer and receipt of\n"
         "the year left unmatched with the reason: no counterpart, amount differs (a\n"
         "counterpart within the window of another amount), date outside the window\n"
         "(the same amount further away). See docs/reconcile.md.\n"
         "  --year Y        the year of the items (required)\n"
         "  --program P     only the projects of program P (default sanxia); unknown: exit 1\n"
         "  --supporter S   only the projects of supporter S (a code)\n"
         "  --county C      only the projects of county C (a code)\n"
         "  --window DAYS   days either side (default 15)\n"
         "  --format F      text (default), json or csv\n"
         "  --lang L        zh (default) or en, for the text\n"
         "Exit status 1 when differences remain (an unmatched item) or for an unknown\n"
         "program, 0 when the books agree, 2 for wrong usage.\n"},
        {"scorecard", cmd_scorecard, "score and rank the supporters of a year against their commitments",
         "usage: duikou [--db PATH] scorecard --year Y [--program P] [--weights FILE]\n"
         "                                    [--format text|json|csv|xlsx] [--lang zh|en] [-o FILE]\n"
         "                                    [--verified]\n"
         "\n"
         "The supporter scorecard (考核) of program P (default sanxia) in year Y: for\n"
         "each supporter its commitments (the year's share of its paired counties' plan\n"
         "targets, the contracts it signed, the norms of the weights file) beside what it\n"
         "achieved (funds in place, of which in kind; projects signed; contract funds in\n"
         "place; projects brought to operation; people sent out and trained; visits),\n"
         "each as a percentage capped, and a score: their weighted mean. Ranked, best\n"
         "first. Formulas: docs/scorecard.md.\n"
         "  --weights FILE   an INI file of [weights], [caps] and [norms] read over the\n"
         "                   defaults (data/scorecard.ini); a bad line: FILE:LINE: message,\n"
         "                   exit 1\n"
         "  --format F       text (default), json, csv or xlsx (xlsx needs -o)\n"
         "  --lang L         zh (default) or en\n"
         "  -o FILE          write to FILE instead of standard output\n"
         "  --verified       count only the fund receipts verified as arrived (到位核实),\n"
         "                   as report --verified does; the funds links then say verified=1\n"},
        /* both sides' books from the command line (issue 10, cmd/receipt.c) */
        {"receipt", cmd_receipt, "verify or unlock a receipt, attach and list its evidence documents",
         "usage: duikou [--db PATH] receipt verify CODE [--lang en|zh]\n"
         "       duikou [--db PATH] receipt unlock CODE --reason TEXT [--lang en|zh]\n"
         "       duikou [--db PATH] receipt attach CODE FILE [--name NAME] [--lang en|zh]\n"
         "       duikou [--db PATH] receipt evidence CODE [--format text|json]\n"
         "       duikou [--db PATH] receipt evidence CODE --get ID [-o FILE]\n"
         "\n"
         "Arrival verification (到位核实) of the receipt (funds record) CODE, as the\n"
         "municipal office does it on the receipt's page; see docs/reconcile.md.\n"
         "verify:   marks it verified; a verified receipt is locked against every change.\n"
         "unlock:   unlocks it, with the reason (required, audited).\n"
         "attach:   stores FILE as an evidence document (a PDF, PNG or JPEG by its first\n"
         "          bytes, never by its name; at most 10 MiB) under FILE's name or NAME.\n"
         "evidence: lists its documents (id, name, type, size, SHA-256, uploader, time;\n"
         "          tab-separated, or JSON); --get ID writes document ID's bytes to\n"
         "          standard output or FILE.\n"
         "Every change is audited as made by cli:USER (the system user). --lang: the\n"
         "language of the messages (default en).\n"
         "Exit status 0 done; 1 refused (no such receipt, already verified, locked, not\n"
         "verified, an empty reason, a file too large or not of an accepted type); 2\n"
         "wrong usage (no --reason); 3 database or system error.\n"},
        {"transfer", cmd_transfer, "confirm a transfer's arrival, or undo the confirmation",
         "usage: duikou [--db PATH] transfer confirm CODE [--receipt R] [--date D] [--lang en|zh]\n"
         "       duikou [--db PATH] transfer unconfirm CODE --reason TEXT [--lang en|zh]\n"
         "\n"
         "confirm:   confirms that transfer CODE (支援方拨付) arrived, as the county does on\n"
         "           the transfer's page: with --receipt R it is linked to that receipt\n"
         "           (same project, same amount, from the supporter, not yet linked);\n"
         "           without, a receipt of its project and amount is recorded, dated D\n"
         "           (YYYY-MM-DD) or else the transfer's date. A confirmed transfer is\n"
         "           locked: its project, amount and date cannot change, nor can it be\n"
         "           deleted, until it is unconfirmed.\n"
         "unconfirm: removes the link (the receipt stays), with the reason (required,\n"
         "           audited).\n"
         "Exit status 0 done; 1 refused (no such transfer, already confirmed, not\n"
         "confirmed, a receipt that does not fit, an empty reason); 2 wrong usage; 3\n"
         "database or system error. See docs/reconcile.md.\n"},
        {NULL, NULL, NULL, NULL},
};

static void usage(FILE *f)
{
	fputs("duikou " DUIKOU_VERSION " — 对口支援管理系统 / counterpart-support management\n"
	      "\n"
	      "usage: duikou [--db PATH | --db postgresql://…] COMMAND [ARGS]\n"
	      "\n"
	      "The database is --db PATH, else $DUIKOU_DB, else ./duikou.db. A\n"
	      "postgresql://USER@HOST[:PORT]/NAME (or postgres://) URL names a PostgreSQL\n"
	      "database instead; libpq's URL parameters and PG* variables apply.\n"
	      "\n"
	      "commands:\n",
	      f);
	for (const struct command *c = commands; c->name; c++)
		fprintf(f, "  %-8s %s\n", c->name, c->summary);
	fputs("\n'duikou COMMAND --help' tells more about each.\n"
	      "Exit status: 0 done; 1 invalid input or failed rule (nothing written);\n"
	      "2 wrong usage; 3 database or system error.\n",
	      f);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C");
	struct cmd_ctx ctx = {NULL};
	const char *db_opt = NULL;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			db_opt = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			db_opt = argv[i] + 5;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			puts("duikou " DUIKOU_VERSION);
			return EXIT_OK;
		} else {
			fprintf(stderr, "duikou: unknown option '%s'\n", argv[i]);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[i];
	if (strcmp(name, "help") == 0) {
		if (i + 1 < argc)
			cmd_usage(argv[i + 1], stdout);
		else
			usage(stdout);
		return EXIT_OK;
	}
	ctx.db_target = db_default_target(db_opt);
	for (const struct command *c = commands; c->name; c++) {
		if (strcmp(c->name, name) != 0)
			continue;
		if (cmd_wants_help(argc - i, argv + i)) {
			fputs(c->usage, stdout);
			return EXIT_OK;
		}
		char *shown = db_target_shown(ctx.db_target);
		ctx.db_shown = shown;
		int status = c->run(&ctx, argc - i, argv + i);
		free(shown);
		return status;
	}
	fprintf(stderr, "duikou: unknown command '%s'\n", name);
	usage(stderr);
	return EXIT_USAGE;
}
