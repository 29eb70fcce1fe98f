/* GET /export/iati?program=P[&year=Y]: the program's IATI activity XML
 * (io/iati.c) as a download. The file publishes every project of the
 * program, so it is for those who read every record (web/authz.c:
 * PERM_PUBLISH); the reporting organisation is DUIKOU_IATI_ORG's. */
#include "io/iati.h"
#include "web/pages.h"

int page_export_iati(struct web_req *req, struct web_resp *resp, err *e)
{
	int64_t year = 0;
	const char *program = web_param_or(req, "program", NULL);
	if (!program)
		return err_add(e, EXIT_INVALID, "program: required (the program's code, e.g. sanxia)"), -1;
	if (web_param_int(req, "year", 1900, 9999, 0, &year, e))
		return -1;
	struct iati_options o = {program, (int)year, iati_default_org()};
	if (iati_export(req->db, &o, &resp->body, e))
		return -1;
	resp->content_type = "application/xml; charset=utf-8";
	web_resp_header(resp, "Content-Disposition", "attachment; filename=\"iati-activities.xml\"");
	return 0;
}
