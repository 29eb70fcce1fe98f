/* Money, counts and percentages: parsing amounts (with 万/亿 converted
 * exactly), rounding half away from zero, and printing amounts, people and
 * percentages the way the seed does (22.40亿元, 8730万元, 2.1万人, 7800余人).
 * Every figure that reaches a reader goes through here. */
#ifndef DUIKOU_NUM_H
#define DUIKOU_NUM_H
#include "core/buf.h"
#include <stdbool.h>
#include <stdint.h>

enum lang { LANG_ZH = 0, LANG_EN = 1 };

/* Parses a whole number of yuan: "1200", "8730万", "1.12亿", "22.40亿元",
 * "5元"; surrounding blanks are ignored; a leading '-' is accepted (rules
 * reject negatives, with their own message). Returns 0, or -1 with a reason
 * in *why (a static English string). */
int num_parse_amount(const char *s, int64_t *out, const char **why);
/* Parses a plain integer (counts, years, days). */
int num_parse_int(const char *s, int64_t *out, const char **why);

/* a / b rounded half away from zero; b != 0. */
int64_t num_div_round(int64_t a, int64_t b);
/* part / whole as tenths of a percent, rounded half away from zero.
 * Returns false (no value) when whole is 0. */
bool num_pct_tenths(int64_t part, int64_t whole, int64_t *tenths);
/* growth of cur over prev in tenths of a percent; false when prev is 0. */
bool num_growth_tenths(int64_t cur, int64_t prev, int64_t *tenths);

/* 22.40亿元 / 2.24 billion yuan; see num.c for the rules. */
void num_fmt_amount(buf *b, int64_t yuan, enum lang lang);
/* 808人, 2.1万人, 7800余人 (approx: a figure that the seed rounds down and
 * marks with 余 / "over"). */
void num_fmt_people(buf *b, int64_t n, bool approx, enum lang lang);
/* 800多人 / "more than 800 people": N floored to hundreds and marked as a
 * lower bound (the seed's 一次性签订800多人); exact below 100 or when N is
 * a whole number of hundreds. */
void num_fmt_people_over(buf *b, int64_t n, enum lang lang);
/* Tenths of a percent printed with DECIMALS (0 or 1) decimals: 47%, 55.2%. */
void num_fmt_pct(buf *b, int64_t tenths, int decimals);
/* 1234567 -> "1,234,567" */
void num_fmt_thousands(buf *b, int64_t n);

#endif
