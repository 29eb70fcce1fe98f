/* audit: the append-only trail of every change to a record or a user —
 * who, when, by which way, and the values before and after. A change and
 * its audit row are written in the same transaction: the caller's.
 * Reading the trail (the command, the page and the API) goes through
 * audit_query. */
#ifndef DUIKOU_AUDIT_H
#define DUIKOU_AUDIT_H
#include "core/buf.h"
#include "model/actor.h"
#include "model/kinds.h"
#include "store/db.h"
#include <jansson.h>
#include <stdint.h>

/* Adds one audit row: WHO changed the record RECORD (its URL id) of kind K
 * by ACTION ("insert", "update", "delete", or a plan step such as
 * "submit"); OLD_VALUES and NEW_VALUES are JSON objects of its columns as
 * export writes them (NULL for none). Must run inside the transaction
 * that makes the change. */
int audit_record(db *d, const struct actor *who, const struct kind *k, const char *record, const char *action,
                 const json_t *old_values, const json_t *new_values, err *e);
/* The same for what is not a record kind: KIND is the trail's name for it
 * (AUDIT_USERS), RECORD its id. audit_record is this with K's name. */
int audit_event(db *d, const struct actor *who, const char *kind, const char *record, const char *action,
                const json_t *old_values, const json_t *new_values, err *e);

/* The kind of the users' changes (model/users.c): record = the user's
 * name, values = role, scope and disabled — never a secret. */
#define AUDIT_USERS    "users"
#define AUDIT_USERS_ZH "用户"

/* The English name of the kind of the trail that NAME names in English or
 * Chinese (a record kind, or AUDIT_USERS); NULL when none. *ZH, when ZH is
 * not NULL, gets its Chinese name. */
const char *audit_kind(const char *name, const char **zh);
/* The names audit_kind knows, for messages. */
const char *audit_kind_names(void);

/* Which entries to read; NULL (or 0) leaves a filter out. */
struct audit_filter {
	const char *user;   /* user_name, exactly */
	const char *kind;   /* a kind of the trail, English or Chinese (audit_kind) */
	const char *record; /* the record's URL id, exactly */
	const char *since;  /* YYYY-MM-DD: entries on or after that day (UTC) */
	const char *until;  /* YYYY-MM-DD: entries on or before that day */
	long limit;         /* at most this many; 0: all */
	long offset;        /* skip the first OFFSET (paging) */
};

/* One entry as read; the strings are valid during the callback only.
 * OLD_VALUES and NEW_VALUES are JSON objects, or NULL. */
struct audit_entry {
	int64_t id;
	const char *at, *user, *via, *kind, *record, *action;
	json_t *old_values, *new_values;
};

typedef int (*audit_row_fn)(void *ctx, const struct audit_entry *a, err *e);

/* Checks F's dates (EXIT_INVALID naming "since" or "until" when one is not
 * a YYYY-MM-DD date) and its kind (EXIT_INVALID naming "kind" when
 * audit_kind does not know it). */
int audit_filter_check(const struct audit_filter *f, err *e);
/* Calls FN for each entry matching F, newest first (by time, then by the
 * order written). Returns the number of entries, or -1 (E; FN's -1 stops
 * the walk). */
long audit_query(db *d, const struct audit_filter *f, audit_row_fn fn, void *ctx, err *e);
/* The number of entries matching F (its limit and offset ignored). */
int audit_count(db *d, const struct audit_filter *f, int64_t *n, err *e);

/* One changed column of an entry: its values before and after (NULL when
 * the entry has no such side, JSON null for an empty value). */
typedef void (*audit_change_fn)(void *ctx, const char *column, const json_t *old_value,
                                const json_t *new_value);
/* Calls FN for each column whose value differs between A's old and new
 * values (every column given for an insert or a delete), in the kind's
 * column order; returns the number of calls. */
int audit_changes(const struct audit_entry *a, audit_change_fn fn, void *ctx);
/* Appends V as text: strings as they are, integers in digits, nothing for
 * null or NULL. */
void audit_value_text(buf *out, const json_t *v);
/* The entry as a JSON object: id, at, user, via, kind, record, action, old,
 * new (the caller decrefs); NULL when out of memory. */
json_t *audit_entry_json(const struct audit_entry *a);

#endif
