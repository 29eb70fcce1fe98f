/* report annual: computes the figures once and renders them as JSON or as
 * the written summary in the chosen language and format. */
#include "report/annual.h"
#include "report/json.h"
#include "report/report.h"
#include <string.h>

void annual_area_zh(buf *b, const char *program_zh)
{
	size_t n = strlen(program_zh);
	static const char *const tails[] = {"对口支援", "移民"};
	for (size_t i = 0; i < 2; i++) {
		size_t k = strlen(tails[i]);
		if (n > k && memcmp(program_zh + n - k, tails[i], k) == 0)
			n -= k;
	}
	buf_add(b, program_zh, n);
}

void annual_conference_short(buf *b, const struct conference_ref *c, enum lang lang)
{
	const char *place = place_short(&c->place, lang);
	if (place[0])
		buf_printf(b, lang == LANG_EN ? "the %s conference" : "%s会议", place);
	else
		buf_puts(b, c->name);
}

int report_annual(db *d, const struct report_opts *o, buf *out, err *e)
{
	struct annual_figs a;
	if (figures_annual(d, o->year, o->program ? o->program : "sanxia", &a, e))
		return -1;
	int rc = 0;
	if (o->format == FMT_JSON) {
		json_t *j = report_annual_figs_json(&a);
		rc = report_json_dump(j, out, e);
		json_decref(j);
	} else {
		struct doc doc = {out, o->format, o->lang};
		if (o->lang == LANG_EN)
			annual_write_en(&doc, &a);
		else
			annual_write_zh(&doc, &a);
	}
	figures_annual_free(&a);
	return rc;
}
