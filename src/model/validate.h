/* The validation rules (interchange.md, issue 2 item 7), run over the whole
 * database by `duikou check` and after every import, inside its transaction.
 * Each violation is one line in E (status EXIT_INVALID):
 *   TABLE:CODE:COLUMN: message
 * Returns 0 when every rule holds, -1 otherwise (or on a database error,
 * with EXIT_SYSTEM). */
#ifndef DUIKOU_VALIDATE_H
#define DUIKOU_VALIDATE_H
#include "core/num.h"
#include "store/db.h"

/* The messages are in LANG (the command line's English). */
int validate_all(db *d, enum lang lang, err *e);

/* One violation, as validate_all prints it. CODE names the record: its code,
 * the key columns joined by '/' (pairings: program/supporter/recipient,
 * status_history: project_code/date), a fund's code, a visit's id.
 * MESSAGE is in the language validate_each was given (model/messages.h). */
struct violation {
	const char *table;
	const char *code;
	const char *column;
	const char *message;
};
/* Called once per violation; return 0 to go on, -1 to stop (after adding to
 * E). */
typedef int (*violation_fn)(void *ctx, const struct violation *v, err *e);

/* Runs every rule and calls FN for each violation. Returns the number of
 * violations, or -1 on a database error or when FN stops. */
long validate_each(db *d, enum lang lang, violation_fn fn, void *ctx, err *e);
/* validate_each for what a change of the records of TABLE can break: the
 * rules that read TABLE and the checks of TABLE's own columns (every rule
 * when TABLE is NULL). Imports and record saves run this: a whole check
 * of a large database at every save would cost seconds. */
long validate_tables(db *d, const char *table, enum lang lang, violation_fn fn, void *ctx, err *e);

#endif
