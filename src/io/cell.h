/* Checking one CSV cell against its column type (model/kinds.h) and turning
 * it into the value stored: codes from Chinese labels, divisions from names,
 * 万/亿 amounts into yuan. The references are looked up through statements
 * prepared once per import. */
#ifndef DUIKOU_CELL_H
#define DUIKOU_CELL_H
#include "core/num.h"
#include "model/kinds.h"
#include "store/db.h"

/* The prepared lookups of one import. */
struct cell_lookup {
	db_stmt *division, *division_name, *program, *conference, *project;
	db_stmt *plan;
	db_stmt *section, *industry_division;
	enum lang lang; /* of the messages; the FILE:ROW:COLUMN prefix is the same in both */
};

int cell_lookup_init(struct cell_lookup *l, db *d, enum lang lang, err *e);
void cell_lookup_free(struct cell_lookup *l);

/* Where a cell comes from, for messages. */
struct cell_in {
	const char *file;
	const char *sheet; /* worksheet name, NULL for CSV */
	long row;
	long field;         /* 0-based field of the row, for a worksheet cell's letter */
	const char *header; /* as written in the file */
	const char *raw;    /* NULL when the column is absent */
	size_t len;
	bool null_if_empty; /* an optional key (a fund's code): empty is NULL */
};

/* The value to store; v.s points into text. */
struct cell {
	struct db_value v;
	buf text;
};

/* Checks IN against C and sets OUT. Returns 0, or -1 after adding
 * FILE:ROW:COLUMN: message (FILE:SHEET!B37:COLUMN: for a worksheet) (EXIT_INVALID) or a database error. */
int cell_check(struct cell_lookup *l, const struct column *c, const struct cell_in *in, struct cell *out,
               err *e);

/* Copies S without surrounding blanks into OUT (reset first). */
void cell_trim(const char *s, buf *out);

#endif
