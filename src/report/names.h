/* Short names of administrative divisions as reports write them: 上海 for
 * 上海市, 万州 for 万州区, 石柱 for 石柱土家族自治县, but 忠县 stays 忠县.
 * The one place that rule lives. */
#ifndef DUIKOU_REPORT_NAMES_H
#define DUIKOU_REPORT_NAMES_H
#include "core/buf.h"
#include "core/num.h"

/* Appends the short form of FULL (a Chinese name in LANG_ZH, the pinyin
 * name of the divisions table in LANG_EN) to OUT. */
void names_short(buf *out, const char *full, enum lang lang);

#endif
