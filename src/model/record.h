/* Saving and deleting one record of any kind, from field → value pairs, with
 * exactly the checks of import (the record is a one-row import), all or
 * nothing; each problem comes back with its column, for a form to show
 * beside the field and for the API's {"error","field"}; the messages are
 * in the LANG each function is given (model/messages.h). */
#ifndef DUIKOU_RECORD_H
#define DUIKOU_RECORD_H
#include "core/num.h"
#include "model/actor.h"
#include "model/kinds.h"
#include "model/perm.h"
#include "store/db.h"
#include <stdbool.h>

/* One given value: NAME is a column's English (or Chinese) header; VALUE is
 * the cell text as a CSV file would hold it ("" for empty). */
struct record_field {
	const char *name;
	const char *value;
};

struct record_problem {
	char *field;   /* the column, or NULL when the problem has none */
	char *message; /* without the FILE:ROW:COLUMN prefix */
};

enum record_outcome {
	RECORD_OK,
	RECORD_INVALID,   /* a cell check or a validation rule failed */
	RECORD_CONFLICT,  /* create: the key exists; delete: still referenced */
	RECORD_MISSING,   /* no record with that id */
	RECORD_FORBIDDEN, /* the actor may not change this kind, or this record
	                     (before or after the change) is outside its scope */
	RECORD_ERROR,     /* database or system error */
};

struct record_result {
	enum record_outcome outcome;
	struct record_problem *problems;
	size_t nproblems;
	char *id; /* the saved record's URL id (record_create/update) */
};

void record_result_init(struct record_result *r);
void record_result_free(struct record_result *r);

/* Every change is made by WHO (NULL may change nothing), within what
 * model/perm.h lets it: a refusal is RECORD_FORBIDDEN and changes nothing.
 *
 * Adds a record of K from F[0..n). An existing key is a conflict (funds
 * without a receipt number are always new). Returns the outcome. */
enum record_outcome record_create(db *d, const struct kind *k, const struct record_field *f, size_t n,
                                  enum lang lang, const struct actor *who, struct record_result *r);
/* Changes the columns F[0..n) of the record ID of K; the others keep their
 * values. The key columns cannot change (a different key is another
 * record), except a visit's, which is named by its id: a visit whose new
 * key is another visit's is a conflict. */
enum record_outcome record_update(db *d, const struct kind *k, const char *id, const struct record_field *f,
                                  size_t n, enum lang lang, const struct actor *who, struct record_result *r);
/* Deletes the record ID of K (a project's status history and fund receipts
 * go with it: ON DELETE CASCADE). */
enum record_outcome record_delete(db *d, const struct kind *k, const char *id, enum lang lang,
                                  const struct actor *who, struct record_result *r);

/* The URL id scheme of api-scheme: code for most kinds, the integer id for
 * visits, key values joined by '|' for pairings and status. */
bool record_has_code_id(const struct kind *k);

/* Reads the record ID of K: its columns' values as export writes them
 * (NULL for SQL NULL) into VALS[0..k->ncols), each to be freed with
 * record_values_free. Returns 1 when found, 0 when missing, -1 (E). */
int record_load(db *d, const struct kind *k, const char *id, char **vals, err *e);
void record_values_free(const struct kind *k, char **vals);
/* 1 when the record ID of K exists and WHO may OP it (model/perm.h: its
 * role may OP the kind and the record is in its scope), 0 when not (or
 * missing), -1 (E) on a database error. */
int record_allowed(db *d, const struct actor *who, const struct kind *k, const char *id, enum perm_op op,
                   err *e);
/* Appends to OUT the URL id of the record that validate.h names NAME (key
 * values joined by '/', a visit's id). */
void record_id_from_name(const struct kind *k, const char *name, buf *out);

/* Imports F[0..n) as one row of K inside the caller's transaction, with
 * the checks, scope and audit row of record_create (issue 10: a transfer
 * confirmed as a new receipt). 0, or -1 with the messages in E and RES
 * saying why (refused, locked). */
struct import_result;
int record_import_one(db *d, const struct kind *k, const struct record_field *f, size_t n, enum lang lang,
                      const struct actor *who, struct import_result *res, err *e);
/* After record_import_one: the URL id of the record written, into R->id. */
int record_written_id(db *d, const struct kind *k, struct record_result *r, err *e);

#endif
