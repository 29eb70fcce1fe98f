/* Reference data shipped in the binary (data/, one CSV file each): programs, GB/T 2260
 * divisions, GB/T 4754-2017 sections and divisions with their tiers, and
 * the attested pairings. Loaded by `init` and `demo`. */
#ifndef DUIKOU_REFDATA_H
#define DUIKOU_REFDATA_H
#include "store/db.h"

/* Inserts or refreshes the reference data; pairings already present are
 * kept as they are. Runs inside the caller's transaction, if any. */
int refdata_load(db *d, err *e);

#endif
