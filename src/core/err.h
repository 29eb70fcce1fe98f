/* err: the one error type. A list of messages, each already carrying its
 * context (FILE:ROW:COLUMN: message for input), and the exit status that the
 * worst of them calls for. Functions return 0 on success or -1 after adding
 * to the err; callers add context and pass it up. */
#ifndef DUIKOU_ERR_H
#define DUIKOU_ERR_H
#include "core/buf.h"
#include <stdio.h>

enum exit_status {
	EXIT_OK = 0,
	EXIT_INVALID = 1, /* invalid input or a failed rule; nothing written */
	EXIT_USAGE = 2,   /* wrong usage */
	EXIT_SYSTEM = 3,  /* database or system error */
};

typedef struct err {
	buf msgs;   /* one message per line */
	int count;  /* number of messages */
	int status; /* highest exit status among them */
	int limit;  /* stop keeping messages after this many (0: 10000) */
} err;

void err_init(err *e);
void err_free(err *e);
void err_clear(err *e);
int err_any(const err *e);

/* Adds one message; returns -1 so callers can `return err_add(...)`. */
int err_add(err *e, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Adds "FILE:ROW:COLUMN: message" with status EXIT_INVALID. */
int err_input(err *e, const char *file, long row, const char *column, const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));
/* Adds an input message for a cell: "FILE:ROW:COLUMN: message" when SHEET
 * is NULL (CSV), else "FILE:SHEET!B37:COLUMN: message" where B is the
 * worksheet column of FIELD (0 for A); FIELD < 0 (no single cell) gives
 * "FILE:SHEET!37:COLUMN: message". Status EXIT_INVALID. */
int err_cell(err *e, const char *file, const char *sheet, long row, long field, const char *column,
             const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Prints every message, one per line, to F. */
void err_print(const err *e, FILE *f);

#endif
