/* Calendar dates as written in files and stored in the database:
 * "YYYY-MM-DD", checked against the calendar (2004-02-30 is refused). */
#ifndef DUIKOU_DATE_H
#define DUIKOU_DATE_H
#include <stdbool.h>

typedef struct date {
	int y, m, d;
} date;

/* Parses strictly "YYYY-MM-DD" (surrounding blanks ignored). Returns 0, or -1
 * with a reason in *why. */
int date_parse(const char *s, date *out, const char **why);
bool date_is_leap(int y);
int date_days_in_month(int y, int m);
/* Days since 1970-01-01. */
long date_to_days(date d);
/* The date DAYS days after 1970-01-01 (the inverse of date_to_days). */
date date_from_days(long days);
/* Writes "YYYY-MM-DD" into out[11]. */
void date_format(date d, char out[11]);
/* The current year, from the clock (or $DUIKOU_TODAY=YYYY-MM-DD for tests). */
int date_current_year(void);
/* Today's date on the local clock (or $DUIKOU_TODAY) into out[11]. */
void date_today(char out[11]);

#endif
