/* reconcile: both sides' books (issue 10). The transfers a supporter's
 * office sent are matched with the receipts (side supporter) the county
 * recorded: one to one, explicit links (a county's confirmation) first,
 * then by project and exact amount within a window of days, nearest date
 * first; every item left over is listed with the reason. Used by `duikou
 * reconcile` and /reconcile; docs/reconcile.md defines the figures. */
#ifndef DUIKOU_RECONCILE_H
#define DUIKOU_RECONCILE_H
#include "core/buf.h"
#include "model/actor.h"
#include "report/report.h"
#include "store/db.h"
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RECON_WINDOW_DEFAULT 15 /* days either side */
#define RECON_WINDOW_MAX     3660

enum recon_reason {
	RECON_MATCHED,
	RECON_NO_COUNTERPART, /* nothing of the same project on the other side */
	RECON_AMOUNT_DIFFERS, /* something of the project within the window, of another amount */
	RECON_DATE_OUTSIDE,   /* the same amount of the project, but outside the window */
};

/* One transfer or receipt. The caller fills the first part; recon_match
 * the second. */
struct recon_item {
	int64_t id; /* its row id */
	const char *code, *project;
	long day;       /* days since 1970-01-01 */
	int64_t amount; /* yuan */
	int64_t link;   /* a transfer: the receipt id it was confirmed with (0: none) */
	/* results: the index of the matched item on the other side (-1), the
	 * reason, and the item the reason points at (-1) */
	long match;
	enum recon_reason reason;
	long other;
	bool explicit_link;
};

/* Matches T[0..nt) (transfers) with R[0..nr) (receipts), each sorted by
 * project, within WINDOW days (inclusive): the explicit links whose
 * receipt is in R with the same project and amount; then, per project, the
 * pairs of the same amount at most WINDOW days apart, the nearest first
 * (ties: the earlier transfer, then the earlier receipt, then by code).
 * Sets every item's match, reason and other. */
void recon_match(struct recon_item *t, size_t nt, struct recon_item *r, size_t nr, long window);

const char *recon_reason_name(enum recon_reason r);

struct recon_opts {
	int year;
	const char *supporter; /* NULL: all */
	const char *county;    /* NULL: all */
	long window;
	const struct actor *who; /* whose scope limits the rows (NULL: the command line's, all) */
	const char *program;     /* only its projects (a programs code); NULL: all */
};

/* The reconciliation of year O->year as JSON (docs/reconcile.md): year,
 * window, pairs[], total, matches[], unmatched_transfers[],
 * unmatched_receipts[], clean. */
int recon_json(db *d, const struct recon_opts *o, json_t **out, err *e);
/* J rendered as text or CSV (FMT_TEXT, FMT_CSV) in LANG. */
void recon_render(const json_t *j, enum report_format fmt, enum lang lang, buf *out);
/* J as a workbook (xlsx_book) into MEM. */
int recon_xlsx(const json_t *j, enum lang lang, buf *mem, err *e);

#endif
