/* The annual summary's renderings, one per language (annual_zh.c,
 * annual_en.c), over the figures of figures_annual and the document of
 * render.h; annual.c picks one and owns what both share. */
#ifndef DUIKOU_REPORT_ANNUAL_H
#define DUIKOU_REPORT_ANNUAL_H
#include "report/figures.h"
#include "report/render.h"

void annual_write_zh(struct doc *d, const struct annual_figs *a);
void annual_write_en(struct doc *d, const struct annual_figs *a);

/* The area of the program's name: 三峡库区 from 三峡库区移民对口支援. */
void annual_area_zh(buf *b, const char *program_zh);
/* How a conference is called for short: 重庆会议 from its place, else its
 * full name. */
void annual_conference_short(buf *b, const struct conference_ref *c, enum lang lang);

/* "(其中物资折款…)" after an amount when IN_KIND > 0 (report/cumulative.c). */
void annual_in_kind(buf *b, int64_t in_kind, enum lang lang);
/* After the seed's sentences, which it leaves as they are: "到位资金中物资折款
 * 2477万元。" (WHAT: 到位资金) / " Of the funds in place, … was in kind."
 * when IN_KIND > 0. */
void annual_in_kind_sentence(buf *b, const char *what, int64_t in_kind, enum lang lang);
/* The cumulative paragraph (累计) and, beyond text, its table. */
void annual_cumulative(struct doc *d, const struct annual_figs *a);
/* The signed report's cumulative paragraph (projects signed and funds
 * since the program's first year beside the year's) and its table. */
void report_cumulative_signed(struct doc *d, const struct cumulative *c);

#endif
