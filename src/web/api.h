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

#endif
