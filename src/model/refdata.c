/* Loading the embedded reference CSV files into the database. The files are
 * copies of shared/refdata (with their sources); data/README.md says what
 * each holds. */
#include "model/refdata.h"
#include "core/embedded.h"
#include "io/csv.h"
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* One loader per file: the columns it binds as $1..$n, and the statement. */
struct loader {
	const char *file;
	const char *cols[8];
	const char *sql;
	bool pairing; /* rows need pairing_row's treatment */
};

static const struct loader loaders[] = {
        {"data/programs.csv",
         {"code", "name_zh", "name_en", "start_year"},
         "INSERT INTO programs(code, name_zh, name_en, start_year) VALUES ($1, $2, $3, CAST($4 AS INTEGER))"
         " ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,"
         " start_year = excluded.start_year",
         false},
        {"data/divisions.csv",
         {"code", "name_zh", "name_en_pinyin", "level", "parent_code", "province", "reservoir_area",
          "reservoir_group"},
         "INSERT INTO divisions(code, name_zh, name_en, level, parent_code, province, reservoir_area,"
         " reservoir_group) VALUES ($1, $2, $3, $4, NULLIF($5, ''), $6, $7, $8)"
         " ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,"
         " level = excluded.level, parent_code = excluded.parent_code, province = excluded.province,"
         " reservoir_area = excluded.reservoir_area, reservoir_group = excluded.reservoir_group",
         false},
        {"data/industries.csv",
         {"section", "name_zh", "name_en", "industry_tier"},
         "INSERT INTO industry_sections(code, name_zh, name_en, tier) VALUES ($1, $2, $3, CAST($4 AS "
         "INTEGER))"
         " ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,"
         " tier = excluded.tier",
         false},
        {"data/industry_divisions.csv",
         {"division", "name_zh", "section", "industry_tier"},
         "INSERT INTO industry_divisions(code, name_zh, section, tier) VALUES ($1, $2, $3, CAST($4 AS "
         "INTEGER))"
         " ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, section = excluded.section,"
         " tier = excluded.tier",
         false},
        {"data/pairings.csv",
         {"supporter_code", "recipient_code", "since_year", "confidence"},
         "INSERT INTO pairings(program, supporter_code, recipient_code, since_year)"
         " VALUES ('sanxia', $1, $2, $3) ON CONFLICT (program, supporter_code, recipient_code) DO NOTHING",
         true},
};

struct load_state {
	const struct loader *l;
	db_stmt *st;
	int idx[8];
	int ncols;
};

/* The first four-digit year in S ("c.1992-1994" -> 1992), or DEF. */
static int64_t first_year(const char *s, int64_t def)
{
	for (; *s; s++)
		if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
		    isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]))
			return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	return def;
}

/* A pairings row may name several supporters ("110117;110118"); rows whose
 * confidence is low (inferred, or from one weak source) are not loaded; an
 * unknown start year is taken as the program's start, 1992. */
static int pairing_row(struct load_state *s, char **v, err *e)
{
	if (strncmp(v[3], "low", 3) == 0)
		return 0;
	int64_t since = first_year(v[2], 1992);
	char *codes = xstrdup(v[0]);
	int rc = 0;
	for (char *save = NULL, *c = strtok_r(codes, ";", &save); c && !rc; c = strtok_r(NULL, ";", &save))
		if (db_rebind(s->st, e, "tti", c, v[1], since) || db_step(s->st, e) == DB_ERROR)
			rc = -1;
	free(codes);
	return rc;
}

static int on_row(void *ctx, const struct csv_row *r, err *e)
{
	struct load_state *s = ctx;
	const struct loader *l = s->l;
	if (r->row == 1) {
		for (s->ncols = 0; s->ncols < 8 && l->cols[s->ncols]; s->ncols++) {
			s->idx[s->ncols] = -1;
			for (size_t i = 0; i < r->n; i++)
				if (strcmp(r->fields[i], l->cols[s->ncols]) == 0)
					s->idx[s->ncols] = (int)i;
			if (s->idx[s->ncols] < 0)
				return err_add(e, EXIT_SYSTEM, "%s: built-in reference data lacks column %s",
				               l->file, l->cols[s->ncols]);
		}
		return 0;
	}
	char *v[8];
	for (int i = 0; i < s->ncols; i++)
		v[i] = (size_t)s->idx[i] < r->n ? r->fields[s->idx[i]] : "";
	int rc;
	if (l->pairing)
		rc = pairing_row(s, v, e);
	else if (s->ncols == 4)
		rc = db_rebind(s->st, e, "tttt", v[0], v[1], v[2], v[3]);
	else
		rc = db_rebind(s->st, e, "tttttttt", v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
	if (!rc && !l->pairing && db_step(s->st, e) == DB_ERROR)
		rc = -1;
	if (rc)
		return err_add(e, EXIT_SYSTEM, "%s:%ld: could not be loaded", l->file, r->row);
	return 0;
}

int refdata_load(db *d, err *e)
{
	for (size_t i = 0; i < sizeof loaders / sizeof loaders[0]; i++) {
		struct load_state s = {&loaders[i], NULL, {0}, 0};
		const struct embedded_file *f = embedded_find(s.l->file);
		if (!f)
			return err_add(e, EXIT_SYSTEM, "%s: missing from this build", s.l->file);
		if (db_prepare(d, &s.st, e, s.l->sql, ""))
			return -1;
		int rc = csv_read(f->data, f->len, s.l->file, on_row, &s, e);
		db_finalize(s.st);
		if (rc)
			return -1;
	}
	return 0;
}
