/* The supporter scorecard (scorecard.h): the weights file, the figures of
 * each supporter from the records, the score and the renderings. Every
 * figure counts exactly the rows of the list its link opens. */
#include "report/scorecard.h"
#include "core/embedded.h"
#include "io/csv.h"
#include "io/xlsx_write.h"
#include "report/json.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char *const scorecard_component_names[SC_COUNT] = {"funds",  "projects", "contracts", "operating",
                                                         "labour", "training", "visits"};
static const char *const label_zh[SC_COUNT] = {"到位资金", "签约项目", "合同资金到位", "竣工投产",
                                               "劳务输出", "培训",     "考察互访"};
static const char *const label_en[SC_COUNT] = {
        "funds in place", "projects signed", "contract funds", "brought to operation",
        "labour export",  "trained",         "visits"};
/* amounts of yuan (the others count projects, people or visits) */
static const bool money[SC_COUNT] = {true, false, true, false, false, false, false};

/* ---- the weights file ---- */

static int component_named(const char *s)
{
	for (int i = 0; i < SC_COUNT; i++)
		if (strcmp(scorecard_component_names[i], s) == 0)
			return i;
	return -1;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = 0;
	return s;
}

enum section { SEC_NONE, SEC_WEIGHTS, SEC_CAPS, SEC_NORMS };

/* One "key = value" line of SEC into W; false after adding a message. */
static bool parse_pair(enum section sec, char *key, char *val, const char *name, long line,
                       struct sc_weights *w, bool seen[3][SC_COUNT + 1], err *e)
{
	int c = component_named(key);
	bool dflt = sec == SEC_CAPS && strcmp(key, "default") == 0;
	if (c < 0 && !dflt) {
		err_add(e, EXIT_INVALID, "%s:%ld: unknown key '%s' (%s)", name, line, key,
		        sec == SEC_CAPS
		                ? "default or a component: funds, projects, contracts, operating, labour, "
		                  "training, visits"
		                : "a component: funds, projects, contracts, operating, labour, training, "
		                  "visits");
		return false;
	}
	if (sec == SEC_NORMS && c != SC_OPERATING && c != SC_VISITS) {
		err_add(e, EXIT_INVALID, "%s:%ld: '%s' has no norm (only operating and visits do)", name,
		        line, key);
		return false;
	}
	int slot = dflt ? SC_COUNT : c;
	if (seen[sec - 1][slot]) {
		err_add(e, EXIT_INVALID, "%s:%ld: '%s' given twice", name, line, key);
		return false;
	}
	seen[sec - 1][slot] = true;
	int64_t v;
	const char *why;
	static const int64_t lo[] = {0, 0, 100, 0}, hi[] = {0, 1000, 1000, 1000000};
	if (num_parse_int(val, &v, &why) || v < lo[sec] || v > hi[sec]) {
		err_add(e, EXIT_INVALID, "%s:%ld: %s: '%s' is not a whole number from %lld to %lld", name,
		        line, key, val, (long long)lo[sec], (long long)hi[sec]);
		return false;
	}
	if (sec == SEC_WEIGHTS)
		w->weight[c] = v;
	else if (sec == SEC_NORMS)
		w->norm[c] = v;
	else if (dflt)
		for (int i = 0; i < SC_COUNT; i++) {
			if (!seen[SEC_CAPS - 1][i])
				w->cap[i] = v;
		}
	else
		w->cap[c] = v;
	return true;
}

int scorecard_weights_parse(const char *text, size_t len, const char *name, struct sc_weights *w, err *e)
{
	struct sc_weights out = *w;
	bool seen[3][SC_COUNT + 1] = {{false}};
	enum section sec = SEC_NONE;
	bool ok = true;
	char *copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = 0;
	if (strlen(copy) != len) {
		free(copy);
		return err_add(e, EXIT_INVALID, "%s: not a text file (a NUL byte)", name);
	}
	long line = 0;
	char *save = NULL;
	/* strtok_r would skip empty lines and so miscount: split by hand */
	for (char *p = copy; p; p = save) {
		char *nl = strchr(p, '\n');
		save = nl ? nl + 1 : NULL;
		if (nl)
			*nl = 0;
		line++;
		char *s = trim(p);
		if (!*s || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *end = strchr(s, ']');
			if (!end || trim(end + 1)[0]) {
				{
					err_add(e, EXIT_INVALID, "%s:%ld: a section is written [name]", name,
					        line);
					ok = false;
				}
				sec = SEC_NONE;
				continue;
			}
			*end = 0;
			char *sn = trim(s + 1);
			sec = strcmp(sn, "weights") == 0 ? SEC_WEIGHTS
			      : strcmp(sn, "caps") == 0  ? SEC_CAPS
			      : strcmp(sn, "norms") == 0 ? SEC_NORMS
			                                 : SEC_NONE;
			if (sec == SEC_NONE) {
				err_add(e, EXIT_INVALID,
				        "%s:%ld: unknown section [%s] (weights, caps or norms)", name, line,
				        sn);
				ok = false;
			}
			continue;
		}
		char *eq = strchr(s, '=');
		if (!eq) {
			{
				err_add(e, EXIT_INVALID, "%s:%ld: expected key = value", name, line);
				ok = false;
			}
			continue;
		}
		*eq = 0;
		char *key = trim(s), *val = eq + 1;
		/* a comment after the value */
		for (char *c = val; *c; c++)
			if (*c == '#' || *c == ';') {
				*c = 0;
				break;
			}
		val = trim(val);
		if (sec == SEC_NONE) {
			{
				err_add(e, EXIT_INVALID,
				        "%s:%ld: '%s' is outside a section ([weights], [caps], [norms])",
				        name, line, key);
				ok = false;
			}
			continue;
		}
		if (!parse_pair(sec, key, val, name, line, &out, seen, e))
			ok = false;
	}
	free(copy);
	if (ok) {
		int64_t sum = 0;
		for (int i = 0; i < SC_COUNT; i++)
			sum += out.weight[i];
		if (sum == 0) {
			err_add(e, EXIT_INVALID, "%s: every weight is 0: nothing would be scored", name);
			ok = false;
		}
	}
	if (!ok)
		return -1;
	*w = out;
	return 0;
}

int scorecard_weights_load(const char *path, struct sc_weights *w, err *e)
{
	const struct embedded_file *f = embedded_find("data/scorecard.ini");
	memset(w, 0, sizeof *w);
	if (!f)
		return err_add(e, EXIT_SYSTEM, "data/scorecard.ini is not compiled in");
	if (scorecard_weights_parse(f->data, f->len, "data/scorecard.ini", w, e))
		return -1;
	if (!path)
		return 0;
	buf b = BUF_INIT;
	int rc = file_read_all(path, &b, e);
	if (rc == 0)
		rc = scorecard_weights_parse(b.s ? b.s : "", b.len, path, w, e);
	buf_free(&b);
	return rc;
}

/* ---- the arithmetic ---- */

bool scorecard_achieved(int64_t actual, int64_t target, int64_t cap_pct, int64_t *tenths, int64_t *capped)
{
	if (target <= 0 || !num_pct_tenths(actual, target, tenths))
		return false;
	*capped = *tenths > cap_pct * 10 ? cap_pct * 10 : *tenths;
	return true;
}

bool scorecard_score(const struct sc_weights *w, const int64_t *actual, const int64_t *target,
                     int64_t *tenths)
{
	int64_t sum = 0, weights = 0;
	for (int i = 0; i < SC_COUNT; i++) {
		int64_t t, c;
		if (w->weight[i] <= 0 || !scorecard_achieved(actual[i], target[i], w->cap[i], &t, &c))
			continue;
		sum += w->weight[i] * c;
		weights += w->weight[i];
	}
	if (weights == 0)
		return false;
	/* tenths of a percent averaged are tenths of a point */
	*tenths = num_div_round(sum, weights);
	return true;
}

/* ---- the figures ---- */

static struct sc_row *row_of(struct scorecard *s, const char *code)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) { /* rows are by code until ranked */
		size_t mid = (lo + hi) / 2;
		int c = strcmp(s->rows[mid].supporter.code, code);
		if (c == 0)
			return &s->rows[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* pairing R in force in the year given as parameter Y */
#define IN_FORCE(r, y) r ".since_year <= " y " AND (" r ".until_year IS NULL OR " r ".until_year >= " y ")"

static int load_supporters(db *d, struct scorecard *s, const char *start, const char *end, err *e)
{
	db_stmt *st;
	buf tmp = BUF_INIT;
	int bad = db_prepare(
	        d, &st, e,
	        report_sql(
	                d,
	                "SELECT code FROM ("
	                " SELECT r.supporter_code AS code FROM pairings r WHERE r.program = $1 AND " IN_FORCE(
	                        "r",
	                        "$2") " UNION SELECT supporter_code FROM projects WHERE program = $1"
	                              "  AND signed_date >= $3 AND signed_date <= $4"
	                              " UNION SELECT p.supporter_code FROM funds f JOIN projects p ON p.code "
	                              "= "
	                              "f.project_code"
	                              "  WHERE p.program = $1 AND f.date >= $3 AND f.date <= $4"
	                              " UNION SELECT supporter_code FROM labour WHERE program = $1 AND date "
	                              ">= $3"
	                              "  AND date <= $4 AND supporter_code IS NOT NULL AND supporter_code <> "
	                              "''"
	                              " UNION SELECT supporter_code FROM training WHERE program = $1 AND "
	                              "start_date >= $3"
	                              "  AND start_date <= $4 AND supporter_code IS NOT NULL AND "
	                              "supporter_code "
	                              "<> ''"
	                              " UNION SELECT supporter_code FROM visits WHERE program = $1 AND date "
	                              ">= $3"
	                              "  AND date <= $4) AS s ORDER BY code",
	                &tmp),
	        "titt", s->program, (int64_t)s->year, start, end);
	buf_free(&tmp);
	if (bad)
		return -1;
	int rc;
	size_t cap = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (s->n == cap) {
			cap = cap ? cap * 2 : 32;
			s->rows = xrealloc(s->rows, cap * sizeof *s->rows);
		}
		memset(&s->rows[s->n], 0, sizeof *s->rows);
		s->rows[s->n++].supporter.code = xstrdup(db_col_text(st, 0));
	}
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

/* A grouped query whose rows are (supporter, value, count[, value2,
 * count2]) into the fields given (NULL: not kept). */
static int grouped(db *d, struct scorecard *s, err *e, const char *sql, const char *start, const char *end,
                   size_t o_val, size_t o_cnt, size_t o_val2, size_t o_cnt2)
{
	db_stmt *st;
	buf tmp = BUF_INIT; /* the receipts as --verified reads them */
	int bad = db_prepare(d, &st, e, report_sql(d, sql, &tmp), "ttt", s->program, start, end);
	buf_free(&tmp);
	if (bad)
		return -1;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		struct sc_row *r = row_of(s, db_col_text(st, 0));
		if (!r)
			continue;
		char *base = (char *)r;
		*(int64_t *)(base + o_val) = db_col_int(st, 1);
		*(int64_t *)(base + o_cnt) = db_col_int(st, 2);
		if (o_val2) {
			*(int64_t *)(base + o_val2) = db_col_int(st, 3);
			*(int64_t *)(base + o_cnt2) = db_col_int(st, 4);
		}
	}
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

#define OFF(field) offsetof(struct sc_row, field)

static int load_actuals(db *d, struct scorecard *s, const char *start, const char *end, err *e)
{
	return grouped(d, s, e,
	               "SELECT p.supporter_code, SUM(f.amount), COUNT(*),"
	               " SUM(CASE WHEN f.source_type = 'in_kind' THEN f.amount ELSE 0 END),"
	               " SUM(CASE WHEN f.source_type = 'in_kind' THEN 1 ELSE 0 END)"
	               " FROM funds f JOIN projects p ON p.code = f.project_code"
	               " WHERE p.program = $1 AND f.date >= $2 AND f.date <= $3 GROUP BY p.supporter_code",
	               start, end, OFF(actual[SC_FUNDS]), OFF(records[SC_FUNDS]), OFF(in_kind),
	               OFF(in_kind_records)) ||
	                       grouped(d, s, e,
	                               "SELECT supporter_code, COUNT(*), COUNT(*), "
	                               "COALESCE(SUM(contract_amount), 0),"
	                               " COUNT(*) FROM projects WHERE program = $1 AND signed_date >= $2"
	                               " AND signed_date <= $3 GROUP BY supporter_code",
	                               start, end, OFF(actual[SC_PROJECTS]), OFF(records[SC_PROJECTS]),
	                               OFF(target[SC_CONTRACTS]), OFF(target_records[SC_CONTRACTS])) ||
	                       grouped(d, s, e,
	                               "SELECT p.supporter_code, SUM(f.amount), COUNT(*)"
	                               " FROM funds f JOIN projects p ON p.code = f.project_code"
	                               " WHERE p.program = $1 AND f.date >= $2 AND f.date <= $3"
	                               " AND p.signed_date >= $2 AND p.signed_date <= $3 GROUP BY "
	                               "p.supporter_code",
	                               start, end, OFF(actual[SC_CONTRACTS]), OFF(records[SC_CONTRACTS]), 0,
	                               0) ||
	                       grouped(d, s, e,
	                               "SELECT p.supporter_code, COUNT(*), COUNT(*)"
	                               " FROM status_history h JOIN projects p ON p.code = h.project_code"
	                               " WHERE p.program = $1 AND h.date >= $2 AND h.date <= $3"
	                               " AND h.status = 'operating' GROUP BY p.supporter_code",
	                               start, end, OFF(actual[SC_OPERATING]), OFF(records[SC_OPERATING]), 0,
	                               0) ||
	                       grouped(d, s, e,
	                               "SELECT supporter_code, SUM(headcount), COUNT(*) FROM labour WHERE "
	                               "program = $1"
	                               " AND date >= $2 AND date <= $3 AND supporter_code IS NOT NULL"
	                               " GROUP BY supporter_code",
	                               start, end, OFF(actual[SC_LABOUR]), OFF(records[SC_LABOUR]), 0, 0) ||
	                       grouped(d, s, e,
	                               "SELECT supporter_code, SUM(headcount), COUNT(*) FROM training WHERE "
	                               "program = $1"
	                               " AND start_date >= $2 AND start_date <= $3 AND supporter_code IS NOT "
	                               "NULL"
	                               " GROUP BY supporter_code",
	                               start, end, OFF(actual[SC_TRAINING]), OFF(records[SC_TRAINING]), 0,
	                               0) ||
	                       grouped(d, s, e,
	                               "SELECT supporter_code, COUNT(*), COUNT(*) FROM visits WHERE program "
	                               "= $1"
	                               " AND date >= $2 AND date <= $3 GROUP BY supporter_code",
	                               start, end, OFF(actual[SC_VISITS]), OFF(records[SC_VISITS]), 0, 0)
	               ? -1
	               : 0;
}

/* The plan targets of the paired counties: each plan covering the year
 * gives its year's target (plan_targets) or its total pro rata, shared
 * equally by the supporters paired with its county that year. */
static int load_targets(db *d, struct scorecard *s, err *e)
{
	static const enum sc_component measure[4] = {SC_PROJECTS, SC_FUNDS, SC_LABOUR, SC_TRAINING};
	db_stmt *st;
	if (db_prepare(
	            d, &st, e,
	            /* the year is $1, the program $2: numbered as they first appear */
	            "SELECT r.supporter_code, pl.start_year, pl.end_year,"
	            " pl.target_projects, pl.target_funds, pl.target_labour, pl.target_training,"
	            " t.target_projects, t.target_funds, t.target_labour, t.target_training,"
	            " (SELECT COUNT(*) FROM pairings r2 WHERE r2.program = r.program"
	            "  AND r2.recipient_code = r.recipient_code AND " IN_FORCE(
	                    "r2",
	                    "$1") ")"
	                          " FROM pairings r JOIN plans pl ON pl.recipient_code = r.recipient_code"
	                          "  AND pl.program = r.program"
	                          " LEFT JOIN plan_targets t ON t.plan_code = pl.code AND t.year = $1"
	                          " WHERE r.program = $2 AND " IN_FORCE(
	                                  "r",
	                                  "$1") " AND pl.start_year <= $1"
	                                        " AND pl.end_year >= $1 ORDER BY r.supporter_code, pl.code",
	            "it", (int64_t)s->year, s->program))
		return -1;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		struct sc_row *r = row_of(s, db_col_text(st, 0));
		if (!r)
			continue;
		int64_t years = db_col_int(st, 2) - db_col_int(st, 1) + 1, k = db_col_int(st, 11);
		if (years < 1 || k < 1)
			continue;
		for (int m = 0; m < 4; m++) {
			enum sc_component c = measure[m];
			r->target_records[c]++;
			if (!db_col_null(st, 7 + m))
				r->target[c] += num_div_round(db_col_int(st, 7 + m), k);
			else if (!db_col_null(st, 3 + m))
				r->target[c] += num_div_round(db_col_int(st, 3 + m), years * k);
		}
	}
	db_finalize(st);
	if (rc == DB_ERROR)
		return -1;
	if (db_prepare(d, &st, e,
	               "SELECT r.supporter_code, COUNT(*) FROM pairings r WHERE r.program = $1"
	               " AND " IN_FORCE("r", "$2") " GROUP BY r.supporter_code",
	               "ti", s->program, (int64_t)s->year))
		return -1;
	while ((rc = db_step(st, e)) == DB_ROW) {
		struct sc_row *r = row_of(s, db_col_text(st, 0));
		if (r)
			r->counties = db_col_int(st, 1);
	}
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

static int by_rank(const void *a, const void *b)
{
	const struct sc_row *x = a, *y = b;
	if (x->has_score != y->has_score)
		return x->has_score ? -1 : 1;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->supporter.code, y->supporter.code);
}

void scorecard_free(struct scorecard *s)
{
	for (size_t i = 0; i < s->n; i++)
		place_free(&s->rows[i].supporter);
	free(s->rows);
	free(s->program);
	memset(s, 0, sizeof *s);
}

int scorecard_compute(db *d, int year, const char *program, const struct sc_weights *w, const char *only,
                      struct scorecard *s, err *e)
{
	char start[11], end[11];
	char *zh = NULL, *en = NULL;
	memset(s, 0, sizeof *s);
	s->year = year;
	s->program = xstrdup(program);
	s->verified = db_verified_only(d);
	s->w = *w;
	figures_year_bounds(year, start, end);
	int rc = figures_program(d, program, &zh, &en, e);
	free(zh);
	free(en);
	if (rc || load_supporters(d, s, start, end, e) || load_actuals(d, s, start, end, e) ||
	    load_targets(d, s, e)) {
		scorecard_free(s);
		return -1;
	}
	for (size_t i = 0; i < s->n; i++) {
		struct sc_row *r = &s->rows[i];
		r->target[SC_OPERATING] = w->norm[SC_OPERATING];
		r->target[SC_VISITS] = w->norm[SC_VISITS];
		r->has_score = scorecard_score(w, r->actual, r->target, &r->score);
	}
	qsort(s->rows, s->n, sizeof *s->rows, by_rank);
	for (size_t i = 0; i < s->n; i++) {
		struct sc_row *r = &s->rows[i];
		bool tie = i && r->has_score == r[-1].has_score && r->score == r[-1].score;
		r->rank = tie ? r[-1].rank : (int)i + 1;
	}
	if (only) {
		size_t k = 0;
		for (size_t i = 0; i < s->n; i++) {
			if (strcmp(s->rows[i].supporter.code, only) == 0)
				s->rows[k++] = s->rows[i];
			else
				place_free(&s->rows[i].supporter);
		}
		s->n = k;
	}
	for (size_t i = 0; i < s->n; i++) {
		char *code = s->rows[i].supporter.code;
		s->rows[i].supporter.code = NULL;
		place_free(&s->rows[i].supporter);
		rc = figures_place(d, code, &s->rows[i].supporter, e);
		free(code);
		if (rc) {
			scorecard_free(s);
			return -1;
		}
	}
	return 0;
}

/* ---- links ---- */

static void q_add(buf *b, const char *key, const char *val)
{
	buf_putc(b, strchr(buf_str(b), '?') ? '&' : '?');
	buf_puts(b, key);
	buf_putc(b, '=');
	for (const unsigned char *p = (const unsigned char *)val; *p; p++) {
		if (isalnum(*p) || *p == '-' || *p == '_' || *p == '.')
			buf_putc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

bool scorecard_link(buf *b, const struct scorecard *s, const struct sc_row *r, int c, bool target)
{
	char year[8];
	snprintf(year, sizeof year, "%d", s->year);
	const char *sup = r->supporter.code;
	bool plan = target && (c == SC_FUNDS || c == SC_PROJECTS || c == SC_LABOUR || c == SC_TRAINING);
	if (plan) {
		buf_puts(b, "/plans");
		q_add(b, "paired_with", sup);
	} else if (c == SC_COUNT) {
		buf_puts(b, "/pairings");
		q_add(b, "supporter_code", sup);
	} else if (c == -1 || c == SC_FUNDS || (c == SC_CONTRACTS && !target)) {
		buf_puts(b, "/funds");
		q_add(b, "supporter", sup);
		if (c == SC_CONTRACTS)
			q_add(b, "signed_year", year);
		if (c == -1)
			q_add(b, "source_type", "in_kind");
		if (s->verified)
			q_add(b, "verified", "1");
	} else if (c == SC_PROJECTS || c == SC_CONTRACTS) {
		buf_puts(b, "/projects");
		q_add(b, "supporter", sup);
		q_add(b, "signed", year);
		q_add(b, "program", s->program);
		return true;
	} else if (target) {
		return false; /* a norm of the weights file */
	} else if (c == SC_OPERATING) {
		buf_puts(b, "/status");
		q_add(b, "status", "operating");
		q_add(b, "supporter", sup);
	} else {
		buf_puts(b, c == SC_LABOUR ? "/labour" : c == SC_TRAINING ? "/training" : "/visits");
		q_add(b, "supporter_code", sup);
	}
	q_add(b, "program", s->program);
	q_add(b, "year", year);
	return true;
}

/* ---- renderings ---- */

static json_t *link_json(const struct scorecard *s, const struct sc_row *r, int c, bool target)
{
	buf b = BUF_INIT;
	json_t *j = scorecard_link(&b, s, r, c, target) ? json_string(buf_str(&b)) : json_null();
	buf_free(&b);
	return j;
}

static json_t *weights_json(const struct sc_weights *w)
{
	json_t *o = json_object(), *wt = json_object(), *cp = json_object(), *nm = json_object();
	for (int i = 0; i < SC_COUNT; i++) {
		json_object_set_new(wt, scorecard_component_names[i], json_integer(w->weight[i]));
		json_object_set_new(cp, scorecard_component_names[i], json_integer(w->cap[i]));
	}
	json_object_set_new(nm, "operating", json_integer(w->norm[SC_OPERATING]));
	json_object_set_new(nm, "visits", json_integer(w->norm[SC_VISITS]));
	json_object_set_new(o, "weights", wt);
	json_object_set_new(o, "caps", cp);
	json_object_set_new(o, "norms", nm);
	return o;
}

json_t *scorecard_json(const struct scorecard *s)
{
	json_t *o = json_object(), *rows = json_array();
	json_object_set_new(o, "program", json_string(s->program));
	json_object_set_new(o, "year", json_integer(s->year));
	json_object_set_new(o, "verified", json_boolean(s->verified));
	json_object_set_new(o, "weights", weights_json(&s->w));
	for (size_t i = 0; i < s->n; i++) {
		const struct sc_row *r = &s->rows[i];
		json_t *j = json_object(), *cs = json_object();
		json_object_set_new(j, "rank", json_integer(r->rank));
		json_object_set_new(j, "code", json_string(r->supporter.code));
		json_object_set_new(j, "name", json_string(r->supporter.zh ? r->supporter.zh : ""));
		json_object_set_new(j, "name_en", json_string(r->supporter.en ? r->supporter.en : ""));
		json_object_set_new(j, "score", report_json_pct(r->has_score, r->score));
		json_object_set_new(j, "counties", json_integer(r->counties));
		json_object_set_new(j, "counties_link", link_json(s, r, SC_COUNT, false));
		for (int c = 0; c < SC_COUNT; c++) {
			json_t *x = json_object();
			int64_t t = 0, cap = 0;
			bool has = scorecard_achieved(r->actual[c], r->target[c], s->w.cap[c], &t, &cap);
			json_object_set_new(x, "actual", json_integer(r->actual[c]));
			json_object_set_new(x, "target", json_integer(r->target[c]));
			json_object_set_new(x, "achieved_pct", report_json_pct(has, t));
			json_object_set_new(x, "counted_pct", report_json_pct(has, cap));
			json_object_set_new(x, "weight", json_integer(s->w.weight[c]));
			json_object_set_new(x, "cap_pct", json_integer(s->w.cap[c]));
			json_object_set_new(x, "records", json_integer(r->records[c]));
			json_object_set_new(x, "link", link_json(s, r, c, false));
			bool norm = c == SC_OPERATING || c == SC_VISITS;
			json_object_set_new(x, "target_from",
			                    json_string(norm                ? "norm"
			                                : c == SC_CONTRACTS ? "contracts"
			                                                    : "plans"));
			json_object_set_new(x, "target_records",
			                    norm ? json_null() : json_integer(r->target_records[c]));
			json_object_set_new(x, "target_link", link_json(s, r, c, true));
			if (c == SC_FUNDS) {
				json_object_set_new(x, "in_kind", json_integer(r->in_kind));
				json_object_set_new(x, "in_kind_records", json_integer(r->in_kind_records));
				json_object_set_new(x, "in_kind_link", link_json(s, r, -1, false));
			}
			json_object_set_new(cs, scorecard_component_names[c], x);
		}
		json_object_set_new(j, "components", cs);
		json_array_append_new(rows, j);
	}
	json_object_set_new(o, "supporters", rows);
	return o;
}

static void fmt_value(buf *b, int64_t v)
{
	num_fmt_thousands(b, v);
}

/* tenths as "87.5" (scores and achievements are never negative) */
static void fmt_tenths(buf *b, int64_t t)
{
	buf_printf(b, "%lld.%lld", (long long)(t / 10), (long long)(t % 10));
}

static void fmt_score(buf *b, const struct sc_row *r)
{
	if (r->has_score)
		fmt_tenths(b, r->score);
	else
		buf_puts(b, "-");
}

static void text_render(const struct scorecard *s, enum lang L, buf *out)
{
	bool en = L == LANG_EN;
	buf_printf(out, en ? "Supporter scorecard %d (%s)\n" : "%d年支援方考核 (%s)\n", s->year, s->program);
	buf_puts(out, s->verified ? (en ? "Funds: receipts verified as arrived only.\n\n"
	                                : "到位资金：只计已核实的到位资金。\n\n")
	                          : (en ? "Funds: every receipt recorded.\n\n"
	                                : "到位资金：全部到位资金记录。\n\n"));
	for (size_t i = 0; i < s->n; i++) {
		const struct sc_row *r = &s->rows[i];
		buf sc = BUF_INIT;
		fmt_score(&sc, r);
		buf_printf(out, "%d. %s %s  %s %s  (%s %lld)\n", r->rank, r->supporter.code,
		           place_short(&r->supporter, L), en ? "score" : "得分", buf_str(&sc),
		           en ? "paired counties" : "结对区县", (long long)r->counties);
		buf_free(&sc);
		for (int c = 0; c < SC_COUNT; c++) {
			int64_t t = 0, cap = 0;
			bool has = scorecard_achieved(r->actual[c], r->target[c], s->w.cap[c], &t, &cap);
			buf_printf(out, "   %-*s ", en ? 22 : 0, en ? label_en[c] : label_zh[c]);
			fmt_value(out, r->actual[c]);
			buf_puts(out, " / ");
			fmt_value(out, r->target[c]);
			buf_puts(out, "  ");
			if (has)
				num_fmt_pct(out, t, 1);
			else
				buf_puts(out, en ? "not assessed" : "不考核");
			if (c == SC_FUNDS && r->in_kind) {
				buf_puts(out, en ? "  (in kind " : "  (其中物资折款");
				fmt_value(out, r->in_kind);
				buf_puts(out, ")");
			}
			buf_putc(out, '\n');
		}
	}
	if (s->n == 0)
		buf_puts(out, en ? "No supporter in this year.\n" : "本年度没有支援方。\n");
}

static void csv_int(buf *out, int64_t v)
{
	char t[32];
	snprintf(t, sizeof t, "%lld", (long long)v);
	buf_putc(out, ',');
	csv_put_field(out, t);
}

static void csv_render(const struct scorecard *s, buf *out)
{
	buf_puts(out, "rank,code,name,score,counties");
	for (int c = 0; c < SC_COUNT; c++) {
		const char *n = scorecard_component_names[c];
		buf_printf(out, ",%s_actual,%s_target,%s_pct", n, n, n);
		if (c == SC_FUNDS)
			buf_puts(out, ",funds_in_kind");
	}
	buf_puts(out, "\r\n");
	for (size_t i = 0; i < s->n; i++) {
		const struct sc_row *r = &s->rows[i];
		buf sc = BUF_INIT;
		buf_printf(out, "%d,", r->rank);
		csv_put_field(out, r->supporter.code);
		buf_putc(out, ',');
		csv_put_field(out, r->supporter.zh ? r->supporter.zh : "");
		buf_putc(out, ',');
		if (r->has_score)
			fmt_score(&sc, r);
		csv_put_field(out, buf_str(&sc));
		csv_int(out, r->counties);
		for (int c = 0; c < SC_COUNT; c++) {
			int64_t t = 0, cap = 0;
			csv_int(out, r->actual[c]);
			csv_int(out, r->target[c]);
			buf_putc(out, ',');
			buf_reset(&sc);
			if (scorecard_achieved(r->actual[c], r->target[c], s->w.cap[c], &t, &cap))
				fmt_tenths(&sc, t);
			csv_put_field(out, buf_str(&sc));
			if (c == SC_FUNDS)
				csv_int(out, r->in_kind);
		}
		buf_puts(out, "\r\n");
		buf_free(&sc);
	}
}

int scorecard_render(const struct scorecard *s, enum report_format fmt, enum lang lang, buf *out, err *e)
{
	if (fmt == FMT_JSON) {
		json_t *j = scorecard_json(s);
		int rc = report_json_dump(j, out, e);
		json_decref(j);
		return rc;
	}
	if (fmt == FMT_CSV)
		csv_render(s, out);
	else
		text_render(s, lang, out);
	return 0;
}

int scorecard_workbook(const struct scorecard *s, enum lang L, const char *path, buf *mem, err *e)
{
	bool en = L == LANG_EN;
	enum { FIXED = 5, PER = 3 };
	size_t ncols = FIXED + SC_COUNT * PER + 1;
	const char **head = xcalloc(ncols, sizeof *head);
	buf names = BUF_INIT;
	/* the header texts, NUL-separated in NAMES, pointed to once complete */
	const char *fixed_zh[FIXED] = {"排名", "代码", "支援方", "得分", "结对区县"},
	           *fixed_en[FIXED] = {"rank", "code", "supporter", "score", "paired counties"};
	size_t *off = xcalloc(ncols, sizeof *off), k = 0;
	for (size_t i = 0; i < FIXED; i++) {
		off[k++] = names.len;
		buf_puts(&names, en ? fixed_en[i] : fixed_zh[i]);
		buf_putc(&names, 0);
	}
	for (int c = 0; c < SC_COUNT; c++) {
		const char *l = en ? label_en[c] : label_zh[c];
		const char *suffix_zh[PER] = {"实际", "承诺", "完成%"},
		           *suffix_en[PER] = {"actual", "commitment", "%"};
		for (int j = 0; j < PER; j++) {
			off[k++] = names.len;
			buf_printf(&names, "%s %s", l, en ? suffix_en[j] : suffix_zh[j]);
			buf_putc(&names, 0);
		}
		if (c == SC_FUNDS) {
			off[k++] = names.len;
			buf_puts(&names, en ? "of which in kind" : "其中物资折款");
			buf_putc(&names, 0);
		}
	}
	for (size_t i = 0; i < ncols; i++)
		head[i] = names.s + off[i];
	struct xlsx_cell *cells = xcalloc(s->n ? s->n * ncols : 1, sizeof *cells);
	for (size_t i = 0; i < s->n; i++) {
		const struct sc_row *r = &s->rows[i];
		struct xlsx_cell *row = cells + i * ncols;
		size_t j = 0;
		row[j++] = (struct xlsx_cell){XC_INT, NULL, r->rank, 0};
		row[j++] = (struct xlsx_cell){XC_TEXT, r->supporter.code, 0, 0};
		row[j++] = (struct xlsx_cell){XC_TEXT, place_short(&r->supporter, L), 0, 0};
		row[j++] = r->has_score ? (struct xlsx_cell){XC_PCT, NULL, 0, (double)r->score / 10.0}
		                        : (struct xlsx_cell){XC_EMPTY, NULL, 0, 0};
		row[j++] = (struct xlsx_cell){XC_INT, NULL, r->counties, 0};
		for (int c = 0; c < SC_COUNT; c++) {
			enum xlsx_cell_type t = money[c] ? XC_AMOUNT : XC_INT;
			int64_t pct = 0, cap = 0;
			row[j++] = (struct xlsx_cell){t, NULL, r->actual[c], 0};
			row[j++] = (struct xlsx_cell){t, NULL, r->target[c], 0};
			row[j++] = scorecard_achieved(r->actual[c], r->target[c], s->w.cap[c], &pct, &cap)
			                   ? (struct xlsx_cell){XC_PCT, NULL, 0, (double)pct / 10.0}
			                   : (struct xlsx_cell){XC_EMPTY, NULL, 0, 0};
			if (c == SC_FUNDS)
				row[j++] = (struct xlsx_cell){XC_AMOUNT, NULL, r->in_kind, 0};
		}
	}
	const char *wh_zh[] = {"指标", "权重", "封顶%", "年度标准"},
	           *wh_en[] = {"component", "weight", "cap %", "norm"};
	struct xlsx_cell wc[(SC_COUNT + 1) * 4];
	for (int c = 0; c < SC_COUNT; c++) {
		bool norm = c == SC_OPERATING || c == SC_VISITS;
		wc[c * 4] = (struct xlsx_cell){XC_TEXT, scorecard_component_names[c], 0, 0};
		wc[c * 4 + 1] = (struct xlsx_cell){XC_INT, NULL, s->w.weight[c], 0};
		wc[c * 4 + 2] = (struct xlsx_cell){XC_INT, NULL, s->w.cap[c], 0};
		wc[c * 4 + 3] = norm ? (struct xlsx_cell){XC_INT, NULL, s->w.norm[c], 0}
		                     : (struct xlsx_cell){XC_EMPTY, NULL, 0, 0};
	}
	/* which receipts the funds count (--verified, ?verified=1) */
	struct xlsx_cell *vr = &wc[SC_COUNT * 4];
	vr[0] = (struct xlsx_cell){XC_TEXT, en ? "receipts" : "到位资金口径", 0, 0};
	vr[1] = (struct xlsx_cell){
	        XC_TEXT, s->verified ? (en ? "verified only" : "只计已核实") : (en ? "all" : "全部"), 0, 0};
	vr[2] = vr[3] = (struct xlsx_cell){XC_EMPTY, NULL, 0, 0};
	xlsx_book *b;
	int rc = xlsx_book_begin(path, &b, e);
	if (rc == 0) {
		bool ok = xlsx_book_table(b, en ? "scorecard" : "考核", head, ncols, cells, s->n, e) == 0 &&
		          xlsx_book_table(b, en ? "weights" : "权重", en ? wh_en : wh_zh, 4, wc, SC_COUNT + 1,
		                          e) == 0;
		rc = xlsx_book_end(b, ok, mem, e) || !ok ? -1 : 0;
	}
	free(cells);
	free(head);
	free(off);
	buf_free(&names);
	return rc;
}
