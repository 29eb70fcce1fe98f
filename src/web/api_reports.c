/* /api/v1/reports/annual?year=Y&program=P: the annual summary's figures,
 * the same JSON as `duikou report annual --format json`. */
#include "report/report.h"
#include "web/pages.h"

int api_report_annual(struct web_req *req, struct web_resp *resp, err *e)
{
	int64_t year;
	const char *y = web_param(req, "year");
	if (!y || !y[0])
		return err_add(e, EXIT_INVALID, "year: the year is missing (e.g. ?year=2004)");
	if (web_param_int(req, "year", 1949, 2100, 0, &year, e))
		return -1;
	struct report_opts o = {(int)year, 0,        0,   web_param_or(req, "program", "sanxia"),
	                        LANG_ZH,   FMT_JSON, NULL};
	if (report_annual(req->db, &o, &resp->body, e))
		return -1;
	resp->content_type = "application/json";
	return 0;
}
