/* Workbook imports: which sheet is which kind, and the sheets imported in
 * the kinds' dependency order inside one transaction. */
#include "io/xlsx_import.h"
#include <stdlib.h>
#include <string.h>

bool xlsx_looks_like(const char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\3\4", 4) == 0;
}

void workbook_result_free(struct workbook_result *res)
{
	free(res->sheet);
	free(res->per_kind);
	memset(res, 0, sizeof *res);
}

static void expected_names(buf *out)
{
	for (size_t i = 0; i < kinds_count; i++)
		buf_printf(out, "%s%s (%s)", i ? ", " : "", kinds[i].name, kinds[i].zh);
}

/* Sheet → kind, for every sheet; every unknown or repeated name is reported. */
static int match_sheets(xlsx *x, const char *file, struct workbook_result *res, size_t *sheet_of, err *e)
{
	int rc = 0;
	for (size_t s = 0; s < xlsx_sheet_count(x); s++) {
		const char *name = xlsx_sheet_name(x, s);
		const struct kind *k = kind_find(name);
		if (!k) {
			buf names = BUF_INIT;
			expected_names(&names);
			rc = err_add(e, EXIT_INVALID,
			             "%s: sheet '%s' is not a record kind; name each sheet by one of: %s",
			             file, name, buf_str(&names));
			buf_free(&names);
			continue;
		}
		size_t i = (size_t)(k - kinds);
		if (res->sheet[i]) {
			rc = err_add(e, EXIT_INVALID, "%s: sheets '%s' and '%s' are both %s", file,
			             res->sheet[i], name, k->name);
			continue;
		}
		res->sheet[i] = name;
		sheet_of[i] = s;
	}
	return rc;
}

static void add_result(struct import_result *to, const struct import_result *r)
{
	to->rows += r->rows;
	to->added += r->added;
	to->updated += r->updated;
	to->unchanged += r->unchanged;
}

int xlsx_import_workbook(db *d, xlsx *x, const char *file, bool dry_run, const struct actor *who,
                         struct workbook_result *res, err *e)
{
	memset(res, 0, sizeof *res);
	res->sheet = xcalloc(kinds_count, sizeof *res->sheet);
	res->per_kind = xcalloc(kinds_count, sizeof *res->per_kind);
	size_t *sheet_of = xcalloc(kinds_count, sizeof *sheet_of);
	int rc = -1;
	if (match_sheets(x, file, res, sheet_of, e) || db_begin(d, e))
		goto out;
	for (size_t i = 0; i < kinds_count; i++) {
		if (!res->sheet[i])
			continue;
		struct xlsx_sheet_ref ref = {x, sheet_of[i]};
		const struct import_source src = {file, res->sheet[i], xlsx_sheet_reader, &ref, LANG_EN,
		                                  who,  false};
		/* a later sheet may refer to an earlier one's records: stop at the first that fails */
		if (import_rows(d, &kinds[i], &src, IMPORT_IN_TRANSACTION, &res->per_kind[i], e)) {
			db_rollback(d);
			goto out;
		}
		add_result(&res->total, &res->per_kind[i]);
		res->sheets++;
	}
	if (dry_run) {
		db_rollback(d);
	} else if (db_commit(d, e)) {
		db_rollback(d);
		goto out;
	}
	rc = 0;
out:
	free(sheet_of);
	return rc;
}
