/* The short-name rule for division names (names.h): drop the level suffix
 * (省/市/区/县, 自治区/自治州/自治县) and, for autonomous divisions, the
 * names of the peoples before it; never leave a single character (忠县). */
#include "report/names.h"
#include <string.h>

static size_t utf8_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

static bool strip_suffix(const char *s, size_t *n, const char *suffix)
{
	size_t k = strlen(suffix);
	if (*n < k || memcmp(s + *n - k, suffix, k) != 0)
		return false;
	*n -= k;
	return true;
}

/* Peoples named in the autonomous divisions of the reference data, and a
 * few more that commonly appear; longest first where one ends another. */
static const char *const peoples[] = {
        "土家族", "苗族",   "回族",   "壮族",   "藏族", "彝族", "侗族",   "瑶族",
        "蒙古族", "维吾尔", "哈萨克", "朝鲜族", "白族", "羌族", "仡佬族",
};

static void short_zh(buf *out, const char *full)
{
	size_t n = strlen(full);
	static const char *const autonomous[] = {"自治县", "自治州", "自治区"};
	static const char *const levels[] = {"市", "省", "区", "县"};
	bool autonomous_cut = false;
	for (size_t i = 0; i < 3 && !autonomous_cut; i++) {
		size_t m = n;
		if (strip_suffix(full, &m, autonomous[i]) && utf8_chars(full, m) >= 2) {
			n = m;
			autonomous_cut = true;
		}
	}
	if (autonomous_cut) {
		bool again = true;
		while (again) {
			again = false;
			for (size_t i = 0; i < sizeof peoples / sizeof peoples[0]; i++) {
				size_t m = n;
				if (strip_suffix(full, &m, peoples[i]) && utf8_chars(full, m) >= 2) {
					n = m;
					again = true;
				}
			}
		}
	} else {
		for (size_t i = 0; i < 4; i++) {
			size_t m = n;
			if (strip_suffix(full, &m, levels[i])) {
				if (utf8_chars(full, m) >= 2)
					n = m;
				break;
			}
		}
	}
	buf_add(out, full, n);
}

/* "Shizhu Tujiazu Zizhixian" -> "Shizhu"; "Nei Mongol (Neimenggu) Zizhiqu"
 * -> "Nei Mongol"; "Zhong Xian" -> "Zhong" (English has no one-character
 * problem). */
static void short_en(buf *out, const char *full)
{
	static const char *const words[] = {" Shi",       " Sheng",   " Qu",       " Xian",
	                                    " Zizhixian", " Zizhiqu", " Zizhizhou"};
	size_t n = strlen(full);
	const char *paren = strchr(full, '(');
	if (paren && paren > full) {
		n = (size_t)(paren - full);
		while (n && full[n - 1] == ' ')
			n--;
	}
	bool cut = true;
	while (cut) {
		cut = false;
		for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
			size_t m = n;
			if (strip_suffix(full, &m, words[i]) && m > 0) {
				n = m;
				cut = true;
			}
		}
		/* the names of peoples end in "zu" (Tujiazu, Miaozu) */
		size_t sp = n;
		while (sp > 0 && full[sp - 1] != ' ')
			sp--;
		if (sp > 0 && n - sp > 2 && full[n - 2] == 'z' && full[n - 1] == 'u') {
			n = sp - 1;
			cut = true;
		}
	}
	buf_add(out, full, n);
}

void names_short(buf *out, const char *full, enum lang lang)
{
	if (!full)
		return;
	if (lang == LANG_EN)
		short_en(out, full);
	else
		short_zh(out, full);
}
