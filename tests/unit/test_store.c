/* The store interface: values bound to $N by their number, whatever the
 * order in which the parameters appear in the SQL text. */
#include "testdb.h"

static void params_bind_by_number(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	err e;
	err_init(&e);
	int64_t got = 0;
	/* $2 appears first: SQLite alone would give it the first value */
	assert_int_equal(db_int(t.d, &got, &e, "SELECT $2 - $1", "ii", (int64_t)10, (int64_t)3), 0);
	assert_int_equal(got, -7);
	assert_int_equal(db_int(t.d, &got, &e, "SELECT length($3) * 100 + $1 * 10 + $2", "iit", (int64_t)1,
	                        (int64_t)2, "abcd"),
	                 0);
	assert_int_equal(got, 412);
	/* a parameter used twice takes one value */
	assert_int_equal(db_int(t.d, &got, &e, "SELECT $1 + $1 * $2", "ii", (int64_t)2, (int64_t)5), 0);
	assert_int_equal(got, 12);
	err_free(&e);
	testdb_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(params_bind_by_number)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
