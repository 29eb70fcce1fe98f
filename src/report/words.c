/* Phrase helpers for the renderings (words.h). */
#include "report/words.h"

void words_share(buf *b, int64_t part, int64_t whole, int decimals, enum lang lang)
{
	int64_t t;
	if (num_pct_tenths(part, whole, &t))
		num_fmt_pct(b, t, decimals);
	else
		buf_puts(b, lang == LANG_EN ? "n/a" : "—");
}

void words_growth(buf *b, int64_t cur, int64_t prev, int prev_year, bool same_period, enum lang lang)
{
	int64_t t;
	if (!num_growth_tenths(cur, prev, &t)) {
		if (lang == LANG_EN)
			buf_printf(b, " (no figure for %d to compare with)", prev_year);
		else
			buf_printf(b, "(%d年无可比数据)", prev_year);
		return;
	}
	if (lang == LANG_EN) {
		buf_puts(b, t >= 0 ? ", up " : ", down ");
		num_fmt_pct(b, t >= 0 ? t : -t, 0);
		buf_printf(b, " on %d", prev_year);
		return;
	}
	buf_printf(b, ",比%d年%s%s", prev_year, same_period ? "同期" : "", t >= 0 ? "增长" : "下降");
	num_fmt_pct(b, t >= 0 ? t : -t, 0);
}

void words_sep(buf *b, size_t i, size_t n, enum lang lang)
{
	if (i == 0)
		return;
	if (lang == LANG_EN)
		buf_puts(b, i + 1 == n ? (n > 2 ? ", and " : " and ") : ", ");
	else
		buf_puts(b, i + 1 == n ? "和" : "、");
}

const char *words_zh_number(int n)
{
	static const char *const z[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
	return n >= 0 && n <= 10 ? z[n] : "若干";
}

const char *words_en_ordinal(int n)
{
	static const char *const o[] = {"zeroth", "first",   "second", "third", "fourth", "fifth",
	                                "sixth",  "seventh", "eighth", "ninth", "tenth"};
	return n >= 0 && n <= 10 ? o[n] : "next";
}
