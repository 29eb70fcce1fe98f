/* Synthetic worlds for benchmarks (`duikou gen`): deterministic records over
 * the four programs, many counties (the reservoir area's real ones and
 * generated ones elsewhere, marked 合成 in their names), their supporters
 * and twenty years, shaped like the demo world (status pipelines, receipts
 * spread over years, labour, training, plans, visits). */
#ifndef DUIKOU_SYNTH_H
#define DUIKOU_SYNTH_H
#include "store/db.h"
#include <stdint.h>

struct synth_size {
	const char *name; /* "S", "M", "L" */
	long projects, receipts, labour, training;
	int counties; /* generated counties outside the reservoir area */
};

/* The size called NAME (S, M or L, either case), or NULL. */
const struct synth_size *synth_size(const char *name);
/* "S, M, L" with their project and receipt counts, for --help and messages. */
extern const char synth_sizes_text[];

/* Told how far the writing has got: WHAT names the records ("fund
 * receipts"), DONE of TOTAL written. */
typedef void (*synth_progress_fn)(void *ctx, const char *what, long done, long total);

/* Writes the world of size S drawn from SEED into D, which holds the schema
 * and reference data and no records, inside the caller's transaction.
 * PROGRESS (or NULL) is called now and then. */
int synth_build(db *d, const struct synth_size *s, uint64_t seed, synth_progress_fn progress, void *ctx,
                err *e);

#endif
