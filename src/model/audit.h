/* audit: the append-only trail of every change to a record — who, when,
 * by which way, and the values before and after. A change and its audit
 * row are written in the same transaction: the caller's. */
#ifndef DUIKOU_AUDIT_H
#define DUIKOU_AUDIT_H
#include "model/actor.h"
#include "model/kinds.h"
#include "store/db.h"
#include <jansson.h>

/* Adds one audit row: WHO changed the record RECORD (its URL id) of kind K
 * by ACTION ("insert", "update", "delete", or a plan step such as
 * "submit"); OLD_VALUES and NEW_VALUES are JSON objects of its columns as
 * export writes them (NULL for none). Must run inside the transaction
 * that makes the change. */
int audit_record(db *d, const struct actor *who, const struct kind *k, const char *record, const char *action,
                 const json_t *old_values, const json_t *new_values, err *e);

#endif
