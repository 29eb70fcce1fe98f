/* Both sides' books in the demo world (issue 10): the supporters'
 * transfers behind the receipts from the supporter side, most of them
 * arriving a few days later so that the demo reconciles nearly clean, with
 * a handful of the differences an office meets (an arrival nobody recorded
 * sending, a transfer that took longer than the window, one that never
 * arrived); some transfers confirmed by the county, and the older receipts
 * verified by the municipal office. It reads the receipts as written and
 * draws from a random source of its own, so the rest of the world (and
 * the seed's figures) is as before. */
#include "demo/world.h"
#include <stdio.h>
#include <string.h>

#define BOOKS_SEED 0x2004da4bull
#define VERIFIER   "demo:市对口办"

int books_write(struct world *w)
{
	struct rng r;
	rng_init(&r, BOOKS_SEED);
	db_stmt *st, *ins;
	if (db_prepare(w->d, &st, w->e,
	               "SELECT id, code, project_code, date, amount FROM funds WHERE side = 'supporter' "
	               "ORDER BY id",
	               ""))
		return -1;
	if (db_prepare(w->d, &ins, w->e,
	               "INSERT INTO transfers (code, project_code, date, amount, voucher_no, note)"
	               " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
	               "")) {
		db_finalize(st);
		return -1;
	}
	int rc, n = 0;
	while ((rc = db_step(st, w->e)) == DB_ROW) {
		int64_t fund = db_col_int(st, 0), amount = db_col_int(st, 4);
		const char *code = db_col_text(st, 1), *project = db_col_text(st, 2),
		           *date = db_col_text(st, 3);
		int y, m, d;
		if (sscanf(date, "%d-%d-%d", &y, &m, &d) != 3) {
			err_add(w->e, EXIT_SYSTEM, "demo: receipt %s has no date", code);
			rc = DB_ERROR;
			break;
		}
		long day = day_of(y, m, d);
		int64_t pick = rng_between(&r, 0, 99);
		char tcode[40], tdate[11], voucher[40];
		snprintf(tcode, sizeof tcode, "BF-%s", code);
		snprintf(voucher, sizeof voucher, "PZ%06d", ++n);
		const char *note = "";
		if (pick < 2)
			continue; /* arrived, but nobody recorded sending it */
		if (pick < 4) {
			day -= 40; /* sent long before: outside the window */
			note = "经中转账户拨付";
		} else {
			day -= rng_between(&r, 0, 10);
		}
		day_fmt(day, tdate);
		struct db_value v[6] = {{'t', 0, tcode},     {'t', 0, project}, {'t', 0, tdate},
		                        {'i', amount, NULL}, {'t', 0, voucher}, {'t', 0, note}};
		int64_t tid;
		if (db_rebind_values(ins, w->e, v, 6) || db_step(ins, w->e) != DB_ROW) {
			rc = DB_ERROR;
			break;
		}
		tid = db_col_int(ins, 0);
		/* a transfer sent at the same time that never arrived */
		if (pick == 4) {
			snprintf(tcode, sizeof tcode, "BF-%s-2", code);
			snprintf(voucher, sizeof voucher, "PZ%06d", ++n);
			struct db_value u[6] = {
			        {'t', 0, tcode},   {'t', 0, project},
			        {'t', 0, tdate},   {'i', 100000 * rng_between(&r, 1, 20), NULL},
			        {'t', 0, voucher}, {'t', 0, "未到位"}};
			if (db_rebind_values(ins, w->e, u, 6) || db_step(ins, w->e) != DB_ROW) {
				rc = DB_ERROR;
				break;
			}
		}
		char at[32];
		day_fmt(day + 20, tdate);
		snprintf(at, sizeof at, "%sT09:00:00Z", tdate);
		if (pick >= 80 &&
		    db_run(w->d, w->e,
		           "INSERT INTO transfer_links (transfer_id, fund_id, linked_by, linked_at)"
		           " VALUES ($1, $2, $3, $4)",
		           "iitt", tid, fund, "demo:区县对口办", at)) {
			rc = DB_ERROR;
			break;
		}
		/* the municipal office verified most receipts of 2003 */
		if (y == 2003 && pick < 70 &&
		    db_run(w->d, w->e, "UPDATE funds SET verified_by = $1, verified_at = $2 WHERE id = $3",
		           "tti", VERIFIER, at, fund)) {
			rc = DB_ERROR;
			break;
		}
	}
	db_finalize(st);
	db_finalize(ins);
	return rc == DB_ERROR ? -1 : 0;
}
