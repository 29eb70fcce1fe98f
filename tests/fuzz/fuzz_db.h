/* The fuzz targets' database: one fresh SQLite file with the schema and
 * the reference data, made at the first input and kept for the run
 * (removed at exit). */
#ifndef DUIKOU_FUZZ_DB_H
#define DUIKOU_FUZZ_DB_H
#include "model/refdata.h"
#include "store/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char fuzz_db_path[64];

static void fuzz_db_remove(void)
{
	unlink(fuzz_db_path);
}

static db *fuzz_db(void)
{
	static db *d;
	if (d)
		return d;
	snprintf(fuzz_db_path, sizeof fuzz_db_path, "/tmp/duikou-fuzz-XXXXXX");
	int fd = mkstemp(fuzz_db_path);
	if (fd < 0)
		abort();
	close(fd);
	atexit(fuzz_db_remove);
	err e;
	err_init(&e);
	if (db_open(fuzz_db_path, true, &d, &e) || db_migrate(d, &e) || refdata_load(d, &e)) {
		err_print(&e, stderr);
		abort();
	}
	err_free(&e);
	return d;
}

#endif
