/* The supporter scorecard (考核, issue 10): for each supporter and year its
 * commitments (its paired counties' plan targets, the contracts it signed)
 * beside what it achieved, and a score from weights kept in an INI file
 * (data/scorecard.ini embedded, or --weights FILE over it). Formulas:
 * docs/scorecard.md. */
#ifndef DUIKOU_REPORT_SCORECARD_H
#define DUIKOU_REPORT_SCORECARD_H
#include "report/figures.h"
#include "report/report.h"
#include <jansson.h>

enum sc_component {
	SC_FUNDS,
	SC_PROJECTS,
	SC_CONTRACTS,
	SC_OPERATING,
	SC_LABOUR,
	SC_TRAINING,
	SC_VISITS,
	SC_COUNT
};

/* "funds", "projects", … in enum order */
extern const char *const scorecard_component_names[SC_COUNT];

struct sc_weights {
	int64_t weight[SC_COUNT]; /* 0..1000 */
	int64_t cap[SC_COUNT];    /* percent, 100..1000 */
	int64_t norm[SC_COUNT];   /* the yearly commitment of SC_OPERATING and SC_VISITS */
};

/* Parses TEXT, an INI file called NAME in messages, over W: the keys it
 * gives replace W's values. Every problem is added to E as "NAME:LINE:
 * message" (EXIT_INVALID); W is then unchanged. */
int scorecard_weights_parse(const char *text, size_t len, const char *name, struct sc_weights *w, err *e);
/* The embedded defaults, then PATH's file over them when PATH is not NULL. */
int scorecard_weights_load(const char *path, struct sc_weights *w, err *e);

/* ACTUAL / TARGET in tenths of a percent, and the same capped at CAP_PCT;
 * false (not assessed) when TARGET <= 0. */
bool scorecard_achieved(int64_t actual, int64_t target, int64_t cap_pct, int64_t *tenths, int64_t *capped);
/* The score in tenths of a point: the weighted mean of the capped
 * achievements of the assessed components (weight > 0, target > 0); false
 * when none is assessed. */
bool scorecard_score(const struct sc_weights *w, const int64_t *actual, const int64_t *target,
                     int64_t *tenths);

struct sc_row {
	struct place supporter;
	int64_t actual[SC_COUNT], target[SC_COUNT];
	int64_t records[SC_COUNT];        /* the records behind each actual */
	int64_t target_records[SC_COUNT]; /* the plans (projects for contracts) behind each target */
	int64_t in_kind, in_kind_records; /* of SC_FUNDS: source type in_kind */
	int64_t counties;                 /* paired counties in force in the year */
	bool has_score;
	int64_t score; /* tenths of a point */
	int rank;      /* 1 = best; equal scores share a rank */
};

struct scorecard {
	int year;
	char *program;
	struct sc_weights w;
	bool verified;       /* computed with db_verified_only: verified receipts only */
	struct sc_row *rows; /* by rank, then supporter code */
	size_t n;
};

/* Computes every supporter's line of PROGRAM in YEAR; with ONLY (a
 * supporter code) only that line is kept, ranked among all. */
int scorecard_compute(db *d, int year, const char *program, const struct sc_weights *w, const char *only,
                      struct scorecard *s, err *e);
void scorecard_free(struct scorecard *s);

/* The URL (not escaped) of the list of the records behind row R's
 * component C: its actual, or with TARGET its commitment; false when there
 * is none (a norm). C == SC_COUNT: the paired counties; C == -1: the
 * in-kind receipts. */
bool scorecard_link(buf *b, const struct scorecard *s, const struct sc_row *r, int c, bool target);

json_t *scorecard_json(const struct scorecard *s);
/* FMT_TEXT, FMT_CSV or FMT_JSON into OUT */
int scorecard_render(const struct scorecard *s, enum report_format fmt, enum lang lang, buf *out, err *e);
/* The workbook: a sheet of the lines and one of the weights, to PATH or,
 * with PATH NULL, into MEM. */
int scorecard_workbook(const struct scorecard *s, enum lang lang, const char *path, buf *mem, err *e);

#endif
