/* The page functions, one file each (dashboard.c, projects.c, reports.c,
 * static.c, api_reports.c, list_page.c, matrix.c, report_pages.c,
 * api_read.c), found by URL through the table in router.c. */
#ifndef DUIKOU_WEB_PAGES_H
#define DUIKOU_WEB_PAGES_H
#include "model/kinds.h"
#include "web/router.h"

int page_dashboard(struct web_req *req, struct web_resp *resp, err *e);
int page_projects(struct web_req *req, struct web_resp *resp, err *e);
int page_projects_csv(struct web_req *req, struct web_resp *resp, err *e);
int page_report_annual(struct web_req *req, struct web_resp *resp, err *e);
int page_static(struct web_req *req, struct web_resp *resp, err *e);
int api_report_annual(struct web_req *req, struct web_resp *resp, err *e);
/* lists of every kind, the pairings matrix, report pages, read API */
int page_list(struct web_req *req, struct web_resp *resp, err *e);
int page_list_csv(struct web_req *req, struct web_resp *resp, err *e);
/* issue 6: report workbooks and templates */
int page_report_xlsx(struct web_req *req, struct web_resp *resp, err *e);
int page_template(struct web_req *req, struct web_resp *resp, err *e);
int page_audit_xlsx(struct web_req *req, struct web_resp *resp, err *e);
int page_pairings_matrix(struct web_req *req, struct web_resp *resp, err *e);
int page_report_signed(struct web_req *req, struct web_resp *resp, err *e);
int page_report_plan(struct web_req *req, struct web_resp *resp, err *e);
int api_read(struct web_req *req, struct web_resp *resp, err *e);

/* records: forms, detail page, upload, data quality, API writes */
int page_record_get(struct web_req *req, struct web_resp *resp, err *e);
int page_record_post(struct web_req *req, struct web_resp *resp, err *e);
int page_upload(struct web_req *req, struct web_resp *resp, err *e);
int page_upload_post(struct web_req *req, struct web_resp *resp, err *e);
int page_check(struct web_req *req, struct web_resp *resp, err *e);
int api_create(struct web_req *req, struct web_resp *resp, err *e);
int api_update(struct web_req *req, struct web_resp *resp, err *e);
int api_delete(struct web_req *req, struct web_resp *resp, err *e);
int api_openapi(struct web_req *req, struct web_resp *resp, err *e);
/* POST /api/v1/plans/{code}/{step}: a plan workflow step (plan_page.c) */
int api_plan_step(struct web_req *req, struct web_resp *resp, err *e);

/* the audit trail (audit.c): the page, the API, and who may read it */
int page_audit(struct web_req *req, struct web_resp *resp, err *e);
int api_audit(struct web_req *req, struct web_resp *resp, err *e);
/* true for the roles that may read the audit trail: admin and municipal;
 * the others get 403 from /audit and /api/v1/audit. */
bool web_may_audit(const struct web_req *req);
/* Appends the link "变更记录 / History" to the trail of the record ID of K,
 * for the users who may read it (nothing for the others). */
void web_audit_link(buf *b, const struct web_req *req, const struct kind *k, const char *id);

/* the tracking service's alerts (alerts_page.c): /alerts, and the
 * dashboard's tile */
int page_alerts(struct web_req *req, struct web_resp *resp, err *e);
int dashboard_alerts(struct web_req *req, buf *b, err *e);
/* signing in and out (login.c) */
int page_login(struct web_req *req, struct web_resp *resp, err *e);
int page_login_post(struct web_req *req, struct web_resp *resp, err *e);
int page_logout(struct web_req *req, struct web_resp *resp, err *e);
/* GET /export/iati: the IATI activity XML of a program (iati_page.c) */
int page_export_iati(struct web_req *req, struct web_resp *resp, err *e);
/* both sides' books (issue 10): receipt_page.c — a receipt's verification
 * and evidence, a transfer's arrival (parts of their record pages), their
 * POST actions, /evidence/{id}; reconcile_page.c — /reconcile[.xlsx] */
int receipt_extras(struct web_req *req, buf *b, const char *code, err *e);
int transfer_extras(struct web_req *req, buf *b, const char *code, err *e);
int receipt_post(struct web_req *req, struct web_resp *resp, const char *code, const char *action, err *e);
/* ACTION: confirm or unconfirm */
int transfer_confirm_post(struct web_req *req, struct web_resp *resp, const char *code, const char *action,
                          err *e);
int page_evidence_get(struct web_req *req, struct web_resp *resp, err *e);
/* api_books.c: the same in the JSON API; paths under /api/v1/funds/ and
 * /api/v1/transfers/ that are not theirs go on to the record API */
int api_funds_post(struct web_req *req, struct web_resp *resp, err *e);
int api_funds_get(struct web_req *req, struct web_resp *resp, err *e);
int api_transfers_post(struct web_req *req, struct web_resp *resp, err *e);
int api_evidence_get(struct web_req *req, struct web_resp *resp, err *e);
int page_reconcile(struct web_req *req, struct web_resp *resp, err *e);
/* the supporter scorecard (issue 10, scorecard_page.c) */
int page_scorecard(struct web_req *req, struct web_resp *resp, err *e);
int page_scorecard_xlsx(struct web_req *req, struct web_resp *resp, err *e);

#endif
