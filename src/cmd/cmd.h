/* The subcommands: one file each under src/cmd/, one dispatch table in
 * main.c. A command returns an exit status (enum exit_status). */
#ifndef DUIKOU_CMD_H
#define DUIKOU_CMD_H
#include "core/err.h"
#include "store/db.h"
#include <stdbool.h>

struct cmd_ctx {
	const char *db_target; /* from --db, $DUIKOU_DB or ./duikou.db */
	const char *db_shown;  /* db_target as printed: db_target_shown */
};

struct command {
	const char *name;
	int (*run)(struct cmd_ctx *ctx, int argc, char **argv);
	const char *summary; /* one line for `duikou --help` */
	const char *usage;   /* the command's --help text */
};

int cmd_init(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_demo(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_import(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_export(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_report(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_check(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_serve(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_audit(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_user(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_copy(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_gen(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_template(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_alerts(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_backup(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_restore(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_reconcile(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_scorecard(struct cmd_ctx *ctx, int argc, char **argv);
/* both sides' books from the command line (issue 10): cmd/receipt.c */
int cmd_receipt(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_transfer(struct cmd_ctx *ctx, int argc, char **argv);

extern const struct command commands[];

/* Opens the existing database of CTX and brings its schema up to date. */
int cmd_open_db(struct cmd_ctx *ctx, db **out, err *e);
/* Creates the database of CTX (a new file, or an empty PostgreSQL
 * database; with FORCE an existing one is removed or emptied first, else
 * refused), applies the schema and loads the reference
 * data, all in one transaction. */
int cmd_create_db(struct cmd_ctx *ctx, bool force, db **out, err *e);
/* Writes a world's records into the new database D, in its transaction. */
typedef int (*world_fn)(db *d, void *arg, err *e);
/* Creates the database of CTX as cmd_create_db does and fills it with
 * BUILD in one transaction; on any failure the new file is removed, so
 * nothing is left half-written. Then prints "TARGET: WHAT" and a count of
 * records per kind. With OUT the open database is handed to the caller
 * (who closes it), else closed. Returns an exit status. */
int cmd_build_world(struct cmd_ctx *ctx, bool force, world_fn build, void *arg, const char *what, db **out);
/* *OUT: the database of CTX is there (a file, or a server's database that
 * holds tables). */
int cmd_db_exists(struct cmd_ctx *ctx, bool *out, err *e);
/* Writes B to standard output (PATH NULL) or to PATH through PATH.tmp and
 * a rename, so that a failed run leaves no half-written file. */
int cmd_write_out(const char *path, const buf *b, err *e);
/* Prints E to stderr and returns its exit status (EXIT_SYSTEM if none set). */
int cmd_fail(err *e);
/* Prints the usage of the command NAME to F. */
void cmd_usage(const char *name, FILE *f);
/* true when ARGV holds -h or --help */
bool cmd_wants_help(int argc, char **argv);

#endif
