/* Helpers the JSON API's pages share: the error answer of api-scheme and a
 * record as JSON (the object `duikou export --format json` writes, plus
 * "id"). */
#ifndef DUIKOU_WEB_API_H
#define DUIKOU_WEB_API_H
#include "model/kinds.h"
#include "web/router.h"
#include <jansson.h>

/* Replaces RESP with STATUS and {"error": MESSAGE, "field": FIELD or null}. */
void api_error(struct web_resp *resp, int status, const char *message, const char *field);
/* Answers STATUS with J as JSON (compact for lists, else indented), taking
 * J (NULL: out of memory, -1 in E). */
int api_send(struct web_resp *resp, int status, json_t *j, bool compact, err *e);
/* The record ID of K as JSON into *OUT (the caller decrefs): 1 when found,
 * 0 when missing, -1 (E). */
int api_record_json(db *d, const struct kind *k, const char *id, json_t **out, err *e);
/* The string fields NAMES (NULL-ended) of the request's JSON object into
 * VALS (NULL when absent or null; an empty body has none), kept alive by
 * *ROOT (the caller decrefs). Answers a bad body itself (400: not JSON, not
 * an object, an unknown field, a value neither string nor null, a NUL in
 * it) and returns -1. */
int api_body_strings(struct web_req *req, struct web_resp *resp, const char *const *names, const char **vals,
                     json_t **root);

#endif
