/* What the record pages share (form.c, project_page.c, upload.c,
 * check.c): the one gate every state-changing POST passes, redirects, the
 * generic form of a kind driven by the kinds table, and the display of one
 * column's value. */
#ifndef DUIKOU_WEB_RECORDS_H
#define DUIKOU_WEB_RECORDS_H
#include "model/record.h"
#include "web/router.h"

/* Every POST that changes data calls this first: it refuses a body that is
 * not a form. (The CSRF token was checked before the page ran: web/auth.c.) */
int records_post_allowed(struct web_req *req, err *e);

/* Answers 303 See Other to LOCATION (already percent-encoded). */
void records_redirect(struct web_resp *resp, const char *location);

/* The form of K posting to ACTION: one input per column, VALS[i] its
 * value (NULL: empty), each problem of R beside its field (R may be NULL);
 * EDITING shows the key columns read-only. */
int records_form(struct web_req *req, buf *b, const struct kind *k, const char *action, char *const *vals,
                 const struct record_result *r, bool editing, err *e);
/* The problems of R that belong to no field of K, as a list. */
void records_problems(struct web_req *req, buf *b, const struct kind *k, const struct record_result *r);
/* The values a form posted for K's columns (an unticked box is 0), for
 * record.c; TEXT[i] points into REQ. */
void records_form_fields(struct web_req *req, const struct kind *k, struct record_field *f);

/* Appends the value V of column C for reading: code labels, amounts and
 * people through num.c, divisions and programs with their names. */
int records_value(struct web_req *req, buf *b, const struct column *c, const char *v, err *e);
/* Appends <table class="fields" id="ID"> with a row (label, value in
 * <td data-col="NAME">) per column of K whose value is VALS[i]: only the
 * columns named in ONLY when it is not NULL, none named in SKIP (either
 * list NULL-terminated, or NULL). */
int records_fields(struct web_req *req, buf *b, const struct kind *k, char *const *vals, const char *id,
                   const char *const *only, const char *const *skip, err *e);
/* The label of column C in the page's language. */
const char *records_label(enum lang lang, const struct column *c, buf *tmp);

/* Answers 404 with a page saying MESSAGE. */
int records_not_found(struct web_req *req, struct web_resp *resp, const char *message, err *e);
/* Answers 403 with a page saying MESSAGE (NULL: a general refusal); the
 * refusals of record pages (model/perm.h), which change nothing. */
int records_forbidden(struct web_req *req, struct web_resp *resp, const char *message, err *e);
/* Answers 404: no record ID ("没有这条记录: ID"). */
int records_missing(struct web_req *req, struct web_resp *resp, const char *id, err *e);

/* /projects/{code}: the project, its status history, its fund receipts and
 * the form recording one; R and FUND (the funds columns' values) give back
 * a refused receipt. */
int project_page(struct web_req *req, struct web_resp *resp, const char *code, const struct record_result *r,
                 char *const *fund, err *e);
/* POST /projects/{code}/funds: records a receipt, then back to the page. */
/* project_page with the form of FORM (funds, service_log or commitments)
 * given back with R and VALS (FORM's columns' values) after a refusal. */
int project_page_form(struct web_req *req, struct web_resp *resp, const char *code, const struct kind *form,
                      const struct record_result *r, char *const *vals, err *e);
/* A form of K posting to ACTION (<form id=ID>, fields id PREFIX-column) with the columns SHOWN
 * (NULL-ended), their VALS (K's columns, may be NULL) and the problems of R
 * beside them, and a button saying BUTTON_KEY (web/i18n.c). */
int records_inline_form(struct web_req *req, buf *b, const struct kind *k, const char *const *shown,
                        const char *action, const char *id, const char *prefix, const char *button_key,
                        const struct record_result *r, char *const *vals);
/* The tracking service of a project's page (project_tracking.c): its
 * team, service log, commitments (with "mark done"), and the forms adding
 * a log entry and a commitment, FORM's given back with R and VALS. */
int project_tracking(struct web_req *req, buf *b, const char *code, const struct kind *form,
                     const struct record_result *r, char *const *vals, err *e);
/* POST /projects/{code}/log, /projects/{code}/commitments,
 * /commitments/{code}/done; GET /projects/{code}/timeline. */
int project_add_tracking(struct web_req *req, struct web_resp *resp, const char *code, const char *what,
                         err *e);
int commitment_done(struct web_req *req, struct web_resp *resp, const char *code, err *e);
int project_timeline(struct web_req *req, struct web_resp *resp, const char *code, err *e);
/* The alerts' day: serve --today, else the clock's; and their stale days. */
void tracking_today(const struct web_req *req, char out[11]);
int tracking_stale_days(const struct web_req *req);
int project_add_fund(struct web_req *req, struct web_resp *resp, const char *code, err *e);

/* /plans/{code}: the plan, its workflow state, the buttons of the steps
 * the user may take and the history of its steps; answered with STATUS,
 * MESSAGE (NULL: none) saying why a step was refused. */
int plan_page(struct web_req *req, struct web_resp *resp, const char *code, int status, const char *message,
              err *e);
/* POST /plans/{code}/{step}: takes the step, then back to the page
 * (?done=STEP), or the page again with 403, 409 or 422 and the reason. */
int plan_step_post(struct web_req *req, struct web_resp *resp, const char *code, const char *step, err *e);

#endif
