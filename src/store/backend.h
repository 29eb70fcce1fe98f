/* The table of operations a database backend provides; db.c dispatches
 * through it. Private to src/store/. */
#ifndef DUIKOU_BACKEND_H
#define DUIKOU_BACKEND_H
#include "store/db.h"
#include <stdarg.h>

enum { DB_RUN_CACHE = 32 };

struct db_ops {
	const char *name;
	void (*close)(db *d);
	int (*exec_script)(db *d, const char *sql, err *e);
	int (*prepare)(db *d, db_stmt **out, const char *sql, err *e);
	int (*bind_int)(db_stmt *st, int idx, int64_t v, err *e);
	int (*bind_text)(db_stmt *st, int idx, const char *s, err *e);
	int (*bind_null)(db_stmt *st, int idx, err *e);
	int (*reset)(db_stmt *st, err *e);
	int (*step)(db_stmt *st, err *e);
	void (*finalize)(db_stmt *st);
	int (*ncols)(db_stmt *st);
	bool (*col_null)(db_stmt *st, int col);
	int64_t (*col_int)(db_stmt *st, int col);
	const char *(*col_text)(db_stmt *st, int col);
	const char *(*col_name)(db_stmt *st, int col);
	int64_t (*changes)(db *d);
	/* BEGIN for a transaction that reads what it then writes */
	const char *begin_write;
	/* db_run and db_int keep their statements prepared (SQLite: preparing
	 * a small statement costs more than running it; pg.c keeps its own) */
	bool cache_runs;
	/* backup and restore (db_backup, db_restore, db_integrity_check);
	 * NULL where they do not apply (PostgreSQL: pg_dump) */
	int (*backup)(db *d, const char *path, err *e);
	int (*restore)(db *d, db *src, err *e);
	int (*integrity)(db *d, err *e);
};

/* Every backend's db and db_stmt begin with these. */
struct db {
	const struct db_ops *ops;
	char *target; /* as messages show it: db_target_shown */
	/* the last failed statement lost a race with another transaction
	 * (db_lost_race); set by the backend, cleared by db_begin_write */
	bool lost_race;
	/* db_run and db_int's statements by their SQL, reused while the
	 * connection lives (cache_runs); a slot with sql NULL is free */
	struct {
		char *sql;
		db_stmt *st;
	} runs[DB_RUN_CACHE];
	unsigned runs_next;
	/* the reports count verified receipts only (db_set_verified_only) */
	bool verified_only;
};
struct db_stmt {
	db *d;
	/* a value col_int could not read ("12.5" where an integer was asked):
	 * the next step and db_int report it (db.c frees it) */
	char *bad;
};

int sqlite_open(const char *path, bool create, db **out, err *e);
/* PATH opened read-only, as it is: no pragma, nothing written. */
int sqlite_open_readonly(const char *path, db **out, err *e);
/* TARGET is a postgresql:// or postgres:// URL. */
int pg_open(const char *target, db **out, err *e);

#endif
