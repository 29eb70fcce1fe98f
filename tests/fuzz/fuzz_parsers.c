/* libFuzzer target: the amount, whole-number and date parsers (core/num.c,
 * core/date.c) on any text. A parsed amount prints and parses back to
 * itself; a parsed date formats and parses back to itself. */
#include "core/date.h"
#include "core/num.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	const char *why;
	int64_t v, again;
	if (num_parse_amount(s, &v, &why) == 0) {
		char n[32];
		snprintf(n, sizeof n, "%lld", (long long)v);
		if (num_parse_amount(n, &again, &why) != 0 || again != v)
			abort();
	}
	if (num_parse_int(s, &v, &why) == 0) {
		char n[32];
		snprintf(n, sizeof n, "%lld", (long long)v);
		if (num_parse_int(n, &again, &why) != 0 || again != v)
			abort();
	}
	date d;
	if (date_parse(s, &d, &why) == 0) {
		char iso[11];
		date_format(d, iso);
		date d2;
		if (date_parse(iso, &d2, &why) != 0 || date_to_days(d2) != date_to_days(d))
			abort();
		if (date_to_days(date_from_days(date_to_days(d))) != date_to_days(d))
			abort();
	}
	free(s);
	return 0;
}
