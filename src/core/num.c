/* Amount parsing and the printing rules for figures.
 *
 * Rounding is half away from zero everywhere (the seed's and statistics'
 * convention); all arithmetic is on integers, never on floating point. */
#include "core/num.h"
#include <ctype.h>
#include <string.h>

#define YI  100000000LL
#define WAN 10000LL

static const char *skip_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static bool ends_with(const char *s, size_t n, const char *suffix, size_t *rest)
{
	size_t k = strlen(suffix);
	if (n < k || memcmp(s + n - k, suffix, k) != 0)
		return false;
	*rest = n - k;
	return true;
}

int num_parse_int(const char *s, int64_t *out, const char **why)
{
	s = skip_blank(s);
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0) {
		*why = "is empty";
		return -1;
	}
	bool neg = false;
	size_t i = 0;
	if (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-';
		i = 1;
	}
	if (i == n) {
		*why = "is not a whole number";
		return -1;
	}
	int64_t v = 0;
	for (; i < n; i++) {
		if (!isdigit((unsigned char)s[i])) {
			*why = "is not a whole number";
			return -1;
		}
		if (v > (INT64_MAX - 9) / 10) {
			*why = "is too large";
			return -1;
		}
		v = v * 10 + (s[i] - '0');
	}
	*out = neg ? -v : v;
	return 0;
}

int num_parse_amount(const char *s, int64_t *out, const char **why)
{
	s = skip_blank(s);
	size_t n = strlen(s), rest;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (ends_with(s, n, "元", &rest))
		n = rest;
	int64_t unit = 1;
	if (ends_with(s, n, "亿", &rest)) {
		unit = YI;
		n = rest;
	} else if (ends_with(s, n, "万", &rest)) {
		unit = WAN;
		n = rest;
	}
	if (n == 0) {
		*why = "is not an amount (write digits, optionally with 万 or 亿, e.g. 8730万)";
		return -1;
	}
	size_t i = 0;
	bool neg = false;
	if (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-';
		i = 1;
	}
	/* digits[.digits] scaled by unit, exactly */
	int64_t whole = 0, frac = 0, frac_scale = 1;
	int ndig = 0, nfrac = 0;
	bool dot = false;
	for (; i < n; i++) {
		char c = s[i];
		if (c == '.' && !dot) {
			dot = true;
			continue;
		}
		if (!isdigit((unsigned char)c)) {
			*why = "is not an amount (write digits, optionally with 万 or 亿, e.g. 8730万)";
			return -1;
		}
		if (!dot) {
			if (whole > (INT64_MAX / 10 - 9)) {
				*why = "is too large";
				return -1;
			}
			whole = whole * 10 + (c - '0');
			ndig++;
		} else {
			if (nfrac >= 12) {
				*why = "has too many decimals";
				return -1;
			}
			frac = frac * 10 + (c - '0');
			frac_scale *= 10;
			nfrac++;
		}
	}
	if (ndig == 0 || (dot && nfrac == 0)) {
		*why = "is not an amount (write digits, optionally with 万 or 亿, e.g. 8730万)";
		return -1;
	}
	if (whole > INT64_MAX / unit / 2) {
		*why = "is too large";
		return -1;
	}
	/* frac * unit must be a whole multiple of frac_scale */
	if (nfrac > 0 && (frac * unit) % frac_scale != 0) {
		*why = unit == 1 ? "is not a whole number of yuan"
		                 : "is not a whole number of yuan once 万/亿 is applied";
		return -1;
	}
	int64_t v = whole * unit + (nfrac ? frac * unit / frac_scale : 0);
	*out = neg ? -v : v;
	return 0;
}

int64_t num_div_round(int64_t a, int64_t b)
{
	bool neg = (a < 0) != (b < 0);
	uint64_t ua = a < 0 ? (uint64_t)(-(a + 1)) + 1 : (uint64_t)a;
	uint64_t ub = b < 0 ? (uint64_t)(-(b + 1)) + 1 : (uint64_t)b;
	uint64_t q = ua / ub, r = ua % ub;
	if (r * 2 >= ub)
		q++;
	return neg ? -(int64_t)q : (int64_t)q;
}

bool num_pct_tenths(int64_t part, int64_t whole, int64_t *tenths)
{
	if (whole == 0)
		return false;
	*tenths = num_div_round(part * 1000, whole);
	return true;
}

bool num_growth_tenths(int64_t cur, int64_t prev, int64_t *tenths)
{
	if (prev == 0)
		return false;
	*tenths = num_div_round((cur - prev) * 1000, prev);
	return true;
}

void num_fmt_thousands(buf *b, int64_t n)
{
	char digits[32];
	bool neg = n < 0;
	uint64_t u = neg ? (uint64_t)(-(n + 1)) + 1 : (uint64_t)n;
	int k = 0;
	do {
		digits[k++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (neg)
		buf_putc(b, '-');
	for (int i = k - 1; i >= 0; i--) {
		buf_putc(b, digits[i]);
		if (i > 0 && i % 3 == 0)
			buf_putc(b, ',');
	}
}

/* Prints v / scale with DEC decimals, rounded half away from zero. */
static void fmt_scaled(buf *b, int64_t v, int64_t scale, int dec)
{
	int64_t p = 1;
	for (int i = 0; i < dec; i++)
		p *= 10;
	int64_t r = num_div_round(v * p, scale); /* v fits: amounts < 9.2e18/100 */
	bool neg = r < 0;
	if (neg)
		r = -r;
	buf_printf(b, "%s%lld", neg ? "-" : "", (long long)(r / p));
	if (dec)
		buf_printf(b, ".%0*lld", dec, (long long)(r % p));
}

/* zh rules, from the seed: at least 100亿 -> whole 亿 (199亿元); at least
 * 1亿 -> two decimals of 亿 (22.40亿元), whole 亿 when exact (92亿元); at
 * least 1万 -> whole 万 when exact (8730万元), else two decimals of 万; less
 * -> 元. en: billion / million yuan with two decimals, trailing zeros kept
 * only where zh keeps them. */
void num_fmt_amount(buf *b, int64_t yuan, enum lang lang)
{
	int64_t a = yuan < 0 ? -yuan : yuan;
	if (lang == LANG_ZH) {
		if (a >= 100 * YI || (a >= YI && a % YI == 0))
			fmt_scaled(b, yuan, YI, 0);
		else if (a >= YI)
			fmt_scaled(b, yuan, YI, 2);
		else if (a >= WAN && a % WAN == 0)
			fmt_scaled(b, yuan, WAN, 0);
		else if (a >= WAN)
			fmt_scaled(b, yuan, WAN, 2);
		else {
			buf_printf(b, "%lld元", (long long)yuan);
			return;
		}
		buf_puts(b, a >= YI ? "亿元" : "万元");
		return;
	}
	if (a >= 1000000000LL) {
		fmt_scaled(b, yuan, 1000000000LL, a % 10000000LL == 0 && a % 1000000000LL == 0 ? 0 : 2);
		buf_puts(b, " billion yuan");
	} else if (a >= 1000000LL) {
		int dec = a % 1000000LL == 0 ? 0 : (a % 100000LL == 0 ? 1 : 2);
		fmt_scaled(b, yuan, 1000000LL, dec);
		buf_puts(b, " million yuan");
	} else {
		num_fmt_thousands(b, yuan);
		buf_puts(b, " yuan");
	}
}

void num_fmt_people(buf *b, int64_t n, bool approx, enum lang lang)
{
	if (lang == LANG_ZH) {
		if (n >= WAN) {
			fmt_scaled(b, n, WAN, 1);
			buf_puts(b, "万人");
		} else if (approx && n >= 1000 && n % 100 != 0) {
			buf_printf(b, "%lld余人", (long long)(n / 100 * 100));
		} else {
			buf_printf(b, "%lld人", (long long)n);
		}
		return;
	}
	if (n >= WAN) {
		buf_puts(b, "about ");
		num_fmt_thousands(b, num_div_round(n, 1000) * 1000);
	} else if (approx && n >= 1000 && n % 100 != 0) {
		buf_puts(b, "over ");
		num_fmt_thousands(b, n / 100 * 100);
	} else {
		num_fmt_thousands(b, n);
	}
	buf_puts(b, n == 1 ? " person" : " people");
}

void num_fmt_people_over(buf *b, int64_t n, enum lang lang)
{
	bool over = n >= 100 && n % 100 != 0;
	int64_t shown = over ? n / 100 * 100 : n;
	if (lang == LANG_ZH) {
		buf_printf(b, "%lld%s", (long long)shown, over ? "多人" : "人");
		return;
	}
	if (over)
		buf_puts(b, "more than ");
	num_fmt_thousands(b, shown);
	buf_puts(b, shown == 1 && !over ? " person" : " people");
}

void num_fmt_pct(buf *b, int64_t tenths, int decimals)
{
	if (decimals <= 0)
		buf_printf(b, "%lld%%", (long long)num_div_round(tenths, 10));
	else
		fmt_scaled(b, tenths, 10, 1), buf_putc(b, '%');
}
