/* libFuzzer target: the .xlsx reader (io/xlsx_read.c, xlsx_sheet.c) on
 * any bytes: open the workbook from memory and read every sheet, with the
 * default limits (zip bombs and huge sheets are errors, not crashes). */
#include "io/xlsx_read.h"
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count_row(void *ctx, const struct csv_row *r, err *e)
{
	(void)r;
	(void)e;
	(*(long *)ctx)++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	err e;
	err_init(&e);
	xlsx *x = NULL;
	if (xlsx_open((const char *)data, size, "fuzz.xlsx", &xlsx_default_limits, &x, &e) == 0) {
		long rows = 0;
		for (size_t i = 0; i < xlsx_sheet_count(x); i++)
			xlsx_read_sheet(x, i, count_row, &rows, &e);
		xlsx_close(x);
	}
	err_free(&e);
	return 0;
}
