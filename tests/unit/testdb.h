/* Helpers shared by the unit tests: a fresh database in a temporary file,
 * holding the schema and reference data. */
#ifndef DUIKOU_TESTDB_H
#define DUIKOU_TESTDB_H
#include "model/actor.h"
#include "model/refdata.h"
#include "store/db.h"
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The actor of the unit tests' writes: an administrator, as the command line. */
static const struct actor testdb_actor = {"test", ROLE_ADMIN, "", "cli"};

struct testdb {
	db *d;
	char path[64];
};

static inline void testdb_open(struct testdb *t)
{
	err e;
	err_init(&e);
	snprintf(t->path, sizeof t->path, "/tmp/duikou-test-XXXXXX");
	int fd = mkstemp(t->path);
	assert_true(fd >= 0);
	close(fd);
	if (db_open(t->path, true, &t->d, &e) || db_migrate(t->d, &e) || refdata_load(t->d, &e)) {
		err_print(&e, stderr);
		fail();
	}
	err_free(&e);
}

static inline void testdb_close(struct testdb *t)
{
	char p[80];
	db_close(t->d);
	t->d = NULL;
	unlink(t->path);
	snprintf(p, sizeof p, "%s-wal", t->path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", t->path);
	unlink(p);
}

/* Runs SQL (no parameters) and fails the test on error. */
static inline void testdb_exec(struct testdb *t, const char *sql)
{
	err e;
	err_init(&e);
	if (db_exec_script(t->d, sql, &e)) {
		err_print(&e, stderr);
		fail();
	}
	err_free(&e);
}

#endif
