/* Date parsing and arithmetic on the proleptic Gregorian calendar. */
#include "core/date.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : dm[m - 1];
}

int date_parse(const char *s, date *out, const char **why)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0) {
		*why = "is empty";
		return -1;
	}
	if (n != 10 || s[4] != '-' || s[7] != '-') {
		*why = "is not a date (write YYYY-MM-DD, e.g. 2004-12-31)";
		return -1;
	}
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i])) {
			*why = "is not a date (write YYYY-MM-DD, e.g. 2004-12-31)";
			return -1;
		}
	date d = {atoi(s), (s[5] - '0') * 10 + (s[6] - '0'), (s[8] - '0') * 10 + (s[9] - '0')};
	if (d.m < 1 || d.m > 12) {
		*why = "has no such month";
		return -1;
	}
	if (d.d < 1 || d.d > date_days_in_month(d.y, d.m)) {
		*why = "has no such day in its month";
		return -1;
	}
	*out = d;
	return 0;
}

long date_to_days(date d)
{
	/* Howard Hinnant's days_from_civil */
	int y = d.m <= 2 ? d.y - 1 : d.y;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

date date_from_days(long days)
{
	/* Howard Hinnant's civil_from_days */
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	date d;
	d.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.y = (int)(yoe + era * 400 + (d.m <= 2));
	return d;
}

void date_format(date d, char out[11])
{
	unsigned y = (unsigned)d.y % 10000, m = (unsigned)d.m % 100, dd = (unsigned)d.d % 100;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + dd / 10);
	out[9] = (char)('0' + dd % 10);
	out[10] = '\0';
}

int date_current_year(void)
{
	const char *t = getenv("DUIKOU_TODAY");
	date d;
	const char *why;
	if (t && date_parse(t, &d, &why) == 0)
		return d.y;
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

void date_today(char out[11])
{
	const char *t = getenv("DUIKOU_TODAY");
	date d;
	const char *why;
	if (!t || date_parse(t, &d, &why)) {
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		d = (date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
	}
	date_format(d, out);
}
