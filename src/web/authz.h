/* The one decision, before any page runs, whether the request's actor may
 * open the route of its path and method at all (model/perm.h's table). */
#ifndef DUIKOU_WEB_AUTHZ_H
#define DUIKOU_WEB_AUTHZ_H
#include "web/router.h"

/* 0 when REQ may reach its page, else the status to answer: 403. Only
 * /login and /static/ are open without a signed-in actor (web/auth.c
 * answers those requests before this: a redirect or a 401). Reading a
 * kind's list, download, record or API needs the role to read the kind;
 * /{kind}/new, …/edit, …/delete and the API's POST, PUT, DELETE need it to
 * write the kind; /check, /audit, /upload and the plan steps have rules
 * of their own. The records a page then shows or changes are limited by
 * the actor's scope inside the page. */
int web_authorize(const struct web_req *req);

#endif
