/* Helpers shared by the unit tests: a fresh database holding the schema and
 * reference data, in a temporary file, or, when $DUIKOU_TEST_PG holds a
 * PostgreSQL cluster's base URL (postgresql://postgres@127.0.0.1:PORT/, the
 * _pg tests), a fresh database of that cluster with a unique name, dropped
 * by testdb_close. SQL given to these helpers must run on both databases. */
#ifndef DUIKOU_TESTDB_H
#define DUIKOU_TESTDB_H
#include "core/buf.h"
#include "model/actor.h"
#include "model/refdata.h"
#include "store/db.h"
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The actor of the unit tests' writes: an administrator, as the command line. */
static const struct actor testdb_actor = {"test", ROLE_ADMIN, "", "cli"};

struct testdb {
	db *d;
	char path[256]; /* the file, or the PostgreSQL database's URL */
};

/* The cluster's base URL, ending in '/', or NULL on SQLite. */
static inline const char *testdb_pg(void)
{
	static char base[200];
	const char *env = getenv("DUIKOU_TEST_PG");
	if (!env || !*env)
		return NULL;
	size_t n = strlen(env);
	assert_true(n + 2 < sizeof base);
	snprintf(base, sizeof base, "%s%s", env, env[n - 1] == '/' ? "" : "/");
	return base;
}

/* Runs SQL with psql on the cluster's maintenance database (CREATE and DROP
 * DATABASE cannot run inside one). Returns psql's exit status. */
static inline int testdb_psql(const char *sql)
{
	char url[256];
	snprintf(url, sizeof url, "%spostgres", testdb_pg());
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, STDOUT_FILENO);
		execlp("psql", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql,
		       (char *)NULL);
		_exit(127);
	}
	int status;
	assert_true(waitpid(pid, &status, 0) == pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* Makes a new empty database (a copy of TEMPLATE, a database name, when not
 * NULL) and writes its URL to OUT. */
static inline void testdb_pg_create(char *out, size_t size, const char *template)
{
	static unsigned counter;
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	char name[64], sql[256];
	assert_true(!template || strlen(template) < 64);
	snprintf(name, sizeof name, "unit_%ld_%u_%ld", (long)getpid(), counter++,
	         (long)(now.tv_nsec % 1000000));
	snprintf(sql, sizeof sql, "CREATE DATABASE %s%s%s", name, template ? " TEMPLATE " : "",
	         template ? template : "");
	if (testdb_psql(sql) != 0)
		fail_msg("%s failed on %s", sql, testdb_pg());
	assert_true((size_t)snprintf(out, size, "%s%s", testdb_pg(), name) < size);
}

/* Removes the database TARGET names: its file, or its PostgreSQL database. */
static inline void testdb_remove(const char *target)
{
	if (testdb_pg()) {
		char sql[256];
		const char *name = strrchr(target, '/') + 1;
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
		assert_int_equal(testdb_psql(sql), 0);
		return;
	}
	char p[300];
	unlink(target);
	snprintf(p, sizeof p, "%s-wal", target);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", target);
	unlink(p);
}

static inline void testdb_connect(struct testdb *t, bool create)
{
	err e;
	err_init(&e);
	if (db_open(t->path, create, &t->d, &e)) {
		err_print(&e, stderr);
		fail();
	}
	err_free(&e);
}

/* A fresh database with the schema and the reference data. */
static inline void testdb_open(struct testdb *t)
{
	if (testdb_pg()) {
		testdb_pg_create(t->path, sizeof t->path, NULL);
	} else {
		snprintf(t->path, sizeof t->path, "/tmp/duikou-test-XXXXXX");
		int fd = mkstemp(t->path);
		assert_true(fd >= 0);
		close(fd);
	}
	testdb_connect(t, true);
	err e;
	err_init(&e);
	if (db_migrate(t->d, &e) || refdata_load(t->d, &e)) {
		err_print(&e, stderr);
		fail();
	}
	err_free(&e);
}

/* Closes T and removes its database. */
static inline void testdb_close(struct testdb *t)
{
	db_close(t->d);
	t->d = NULL;
	testdb_remove(t->path);
}

/* A fresh copy of the database TEMPLATE (a path or URL of a testdb that is
 * closed, not removed: nobody may be connected to it), opened in T. */
static inline void testdb_copy(const char *template, struct testdb *t)
{
	if (testdb_pg()) {
		testdb_pg_create(t->path, sizeof t->path, strrchr(template, '/') + 1);
	} else {
		snprintf(t->path, sizeof t->path, "/tmp/duikou-test-XXXXXX");
		int out = mkstemp(t->path);
		int in = open(template, O_RDONLY);
		assert_true(out >= 0 && in >= 0);
		char chunk[65536];
		ssize_t n;
		while ((n = read(in, chunk, sizeof chunk)) > 0)
			assert_int_equal(write(out, chunk, (size_t)n), n);
		close(in);
		close(out);
	}
	testdb_connect(t, false);
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

/* Turns the checking of foreign keys off or on for T's connection, to put
 * in a record that breaks one (SQLite's pragma; PostgreSQL's replica role,
 * which skips the foreign keys' triggers). */
static inline void testdb_foreign_keys(struct testdb *t, bool on)
{
	if (testdb_pg())
		testdb_exec(t, on ? "SET session_replication_role = DEFAULT"
		                  : "SET session_replication_role = replica");
	else
		testdb_exec(t, on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF");
}

/* The first column of every row of SQL, joined by SEP (NULL as ""); the
 * caller frees it. (group_concat and string_agg differ between the two.) */
static inline char *testdb_rows(struct testdb *t, const char *sql, const char *sep)
{
	err e;
	err_init(&e);
	db_stmt *st;
	buf b = BUF_INIT;
	if (db_prepare(t->d, &st, &e, sql, "")) {
		err_print(&e, stderr);
		fail();
	}
	int rc, n = 0;
	while ((rc = db_step(st, &e)) == DB_ROW)
		buf_printf(&b, "%s%s", n++ ? sep : "", db_col_text(st, 0));
	db_finalize(st);
	if (rc == DB_ERROR) {
		err_print(&e, stderr);
		fail();
	}
	err_free(&e);
	return buf_detach(&b);
}

/* The member KEY of the JSON object that SQL's first row's first column
 * holds, as text: a string as it is, a number in digits, anything else as
 * JSON ("null" also when the row, the object or KEY is missing). The caller
 * frees it. (json_extract and ->> differ between the two.) */
static inline char *testdb_json(struct testdb *t, const char *sql, const char *key)
{
	char *text = testdb_rows(t, sql, "\n");
	json_t *root = json_loads(text, JSON_DECODE_ANY, NULL);
	free(text);
	json_t *v = json_is_object(root) ? json_object_get(root, key) : NULL;
	char *out;
	if (json_is_string(v))
		out = xstrdup(json_string_value(v));
	else if (v && !json_is_null(v))
		out = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	else
		out = xstrdup("null");
	json_decref(root);
	assert_non_null(out);
	return out;
}

#endif
