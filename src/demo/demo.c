/* The demo world, put together: marks the database as demo data, adds the
 * demo's pairings and conferences, builds the projects and their receipts
 * in memory, then writes every kind of record. The order of the steps is
 * part of the determinism: the one random source is drawn from in it. */
#include "demo/demo.h"
#include "demo/world.h"

/* Any fixed value does; this one is the seed document's file name. */
#define DEMO_SEED 0x6642f5b83cf02b5bull

int demo_build(db *d, err *e)
{
	struct world w = {0};
	w.d = d;
	w.e = e;
	rng_init(&w.r, DEMO_SEED);
	int rc = db_run(d, e,
	                "INSERT INTO meta(key, value) VALUES ('demo', '1')"
	                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	                "") ||
	         world_pairings(d, e) || conferences_write(&w) || projects_build(&w) || funds_build(&w) ||
	         projects_write(&w) || funds_write(&w) || labour_write(&w) || training_write(&w) ||
	         plans_write(&w) || visits_write(&w) || tracking_write(&w) || books_write(&w);
	world_free(&w);
	return rc ? -1 : 0;
}
