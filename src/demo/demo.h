/* The demo world: a deterministic generator of plausible records for the
 * Chongqing Three Gorges program of 2003-2004, chosen so that the reports
 * compute every figure of the 2004 seed summary (shared/design/
 * seed-figures.md). It picks records; it knows nothing of how reports
 * compute. Everything it writes is marked as demo data (meta demo = 1). */
#ifndef DUIKOU_DEMO_H
#define DUIKOU_DEMO_H
#include "store/db.h"

/* Writes the demo world into D, which holds the schema and reference data
 * and no records. Runs in the caller's transaction. */
int demo_build(db *d, err *e);

#endif
