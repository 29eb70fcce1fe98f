/* The demo's deterministic randomness: splitmix64 seeded by a constant, and
 * the exact splitting of a total into parts, which is how the demo hits the
 * seed's totals without ever writing a total down. */
#include "core/date.h"
#include "demo/world.h"
#include <stdlib.h>

void rng_init(struct rng *r, uint64_t seed)
{
	r->s = seed;
}

uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

int64_t rng_between(struct rng *r, int64_t lo, int64_t hi)
{
	uint64_t span = (uint64_t)(hi - lo) + 1;
	/* the modulo bias is irrelevant for spans this small next to 2^64 */
	return lo + (int64_t)(rng_next(r) % span);
}

void rng_shuffle(struct rng *r, int *v, int n)
{
	for (int i = n - 1; i > 0; i--) {
		int j = (int)rng_between(r, 0, i);
		int t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
}

int split_total(struct rng *r, int64_t total, int n, int64_t min, int64_t unit, const int64_t *weights,
                int64_t *out)
{
	if (n <= 0 || unit <= 0 || total % unit || min % unit || total < (int64_t)n * min)
		return -1;
	int64_t rest = (total - (int64_t)n * min) / unit; /* units left to hand out */
	int64_t wsum = 0;
	int64_t *w = xcalloc((size_t)n, sizeof *w);
	for (int i = 0; i < n; i++) {
		w[i] = weights ? weights[i] : rng_between(r, 20, 100);
		if (w[i] <= 0) {
			free(w);
			return -1;
		}
		wsum += w[i];
	}
	int64_t given = 0;
	for (int i = 0; i < n; i++) {
		if (rest > 0 && w[i] > INT64_MAX / rest) { /* the product would overflow */
			free(w);
			return -1;
		}
		int64_t share = rest * w[i] / wsum;
		out[i] = min + share * unit;
		given += share;
	}
	/* the units lost to rounding down go one each to the first parts */
	for (int i = 0; given < rest; i = (i + 1) % n, given++)
		out[i] += unit;
	free(w);
	return 0;
}

long day_of(int y, int m, int d)
{
	date t = {y, m, d};
	return date_to_days(t);
}

void day_fmt(long day, char out[11])
{
	date_format(date_from_days(day), out);
}
