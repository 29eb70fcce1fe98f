/* Small phrase helpers shared by the report renderings: figures printed
 * through core/num, lists joined the Chinese or English way, ordinals. */
#ifndef DUIKOU_REPORT_WORDS_H
#define DUIKOU_REPORT_WORDS_H
#include "core/buf.h"
#include "core/num.h"
#include <stdbool.h>
#include <stdint.h>

/* part / whole as "47%" (DECIMALS 0) or "55.2%" (1); "—" / "n/a" when the
 * whole is zero. */
void words_share(buf *b, int64_t part, int64_t whole, int decimals, enum lang lang);
/* "比2003年增长47%" / "up 47% on 2003"; "下降" / "down" when negative;
 * nothing-to-compare wording when the base is zero. SAME_PERIOD adds 同期. */
void words_growth(buf *b, int64_t cur, int64_t prev, int prev_year, bool same_period, enum lang lang);
/* Item I of N of a list: the separator before it ("、" or ", ", and "和" /
 * " and " before the last). */
void words_sep(buf *b, size_t i, size_t n, enum lang lang);
/* 一 二 三 … 十 for 1..10, else the digits. */
const char *words_zh_number(int n);
/* "first", "second", … */
const char *words_en_ordinal(int n);

#endif
