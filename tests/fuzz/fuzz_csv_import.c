/* libFuzzer target: the CSV reader and the importer. The first byte picks
 * the kind, the rest is the file; the import is a dry run into a database
 * with the reference data, so every row is read, converted and checked,
 * and nothing stays. */
#include "fuzz_db.h"
#include "io/transfer.h"
#include "model/actor.h"
#include "model/kinds.h"
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct actor fuzz_actor = {"fuzz", ROLE_ADMIN, "", "cli"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const struct kind *k = &kinds[data[0] % kinds_count];
	err e;
	err_init(&e);
	struct import_result res;
	import_csv(fuzz_db(), k, "fuzz.csv", (const char *)data + 1, size - 1, true, LANG_EN, &fuzz_actor,
	           &res, &e);
	err_free(&e);
	return 0;
}
