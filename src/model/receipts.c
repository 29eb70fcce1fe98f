/* Confirming transfers, evidence documents and verification of receipts
 * (issue 10). Each function is one write transaction that reads what it
 * decides on inside it and runs again when it lost a race (store/db.h). */
#include "model/receipts.h"
#include "io/csv.h"
#include "io/transfer.h"
#include "model/audit.h"
#include "model/messages.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Adds a problem of message ID (its arguments after it) and sets the
 * outcome O. */
static enum record_outcome problem(struct record_result *r, enum record_outcome o, const char *field,
                                   enum lang lang, enum msg_id id, const char *a1, const char *a2,
                                   const char *a3)
{
	buf m = BUF_INIT;
	msg_format(&m, lang, id, a1, a2, a3);
	r->problems = xrealloc(r->problems, (r->nproblems + 1) * sizeof *r->problems);
	r->problems[r->nproblems].field = field ? xstrdup(field) : NULL;
	r->problems[r->nproblems].message = buf_detach(&m);
	r->nproblems++;
	r->outcome = o;
	return o;
}

/* E's messages as one problem of outcome O (a database error, or the
 * importer's lines as they are). */
static enum record_outcome from_err(struct record_result *r, err *e, enum record_outcome o)
{
	const char *s = buf_str(&e->msgs);
	r->problems = xrealloc(r->problems, (r->nproblems + 1) * sizeof *r->problems);
	r->problems[r->nproblems].field = NULL;
	r->problems[r->nproblems].message = xstrdup(*s ? s : "database error");
	r->nproblems++;
	if (e->status >= EXIT_SYSTEM)
		o = RECORD_ERROR;
	r->outcome = o;
	return o;
}

static void utc_now(char at[32])
{
	time_t now = time(NULL);
	struct tm tm;
	if (!gmtime_r(&now, &tm) || !strftime(at, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		strcpy(at, "1970-01-01T00:00:00Z");
}

const char *evidence_sniff(const unsigned char *p, size_t len)
{
	if (len >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return "application/pdf";
	if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return "image/jpeg";
	return NULL;
}

/* The receipt CODE's id and verification, read in the transaction: 1 found
 * (*ID, *VERIFIED, and when verified *BY and *AT, to be freed), 0 missing,
 * -1. */
static int fund_state(db *d, const char *code, int64_t *id, bool *verified, char **by, char **at, err *e)
{
	db_stmt *st;
	*by = *at = NULL;
	if (db_prepare(d, &st, e,
	               "SELECT id, CASE WHEN verified_at IS NULL THEN 0 ELSE 1 END, verified_by, verified_at"
	               " FROM funds WHERE code = $1",
	               "t", code))
		return -1;
	int s = db_step(st, e);
	if (s == DB_ROW) {
		*id = db_col_int(st, 0);
		*verified = db_col_int(st, 1) != 0;
		if (*verified) {
			*by = xstrdup(db_col_text(st, 2));
			*at = xstrdup(db_col_text(st, 3));
		}
	}
	db_finalize(st);
	return s == DB_ERROR ? -1 : s == DB_ROW;
}

/* The verification values of the audit trail. */
static json_t *state_json(const char *by, const char *at, const char *reason)
{
	json_t *j = json_pack("{s:o, s:o}", "verified_by", by ? json_string(by) : json_null(), "verified_at",
	                      at ? json_string(at) : json_null());
	if (j && reason)
		json_object_set_new(j, "reason", json_string(reason));
	return j;
}

/* verify (UNLOCK false) or unlock (with REASON) */
static enum record_outcome verify_once(db *d, const char *code, bool unlock, const char *reason,
                                       enum lang lang, const struct actor *who, struct record_result *r)
{
	err e;
	err_init(&e);
	enum record_outcome o = RECORD_OK;
	const struct kind *k = kind_find("funds");
	char at[32], *by = NULL, *old_at = NULL;
	json_t *old = NULL, *now = NULL;
	int64_t id = 0;
	bool verified = false;
	if (db_begin_write(d, &e)) {
		o = from_err(r, &e, RECORD_ERROR);
		goto out;
	}
	int ok = record_allowed(d, who, k, code, PERM_READ, &e);
	int found = ok < 0 ? -1 : fund_state(d, code, &id, &verified, &by, &old_at, &e);
	if (found < 0) {
		o = from_err(r, &e, RECORD_ERROR);
	} else if (!found) {
		o = problem(r, RECORD_MISSING, NULL, lang, MSG_NO_RECORD, lang == LANG_EN ? k->name : k->zh,
		            code, NULL);
	} else if (!ok || !perm_area(who, PERM_VERIFY)) {
		o = problem(r, RECORD_FORBIDDEN, NULL, lang, MSG_FORBIDDEN_KIND,
		            perm_role_label(who ? who->role : ROLE_VIEWER, lang),
		            lang == LANG_EN ? k->name : k->zh, NULL);
	} else if (!unlock && verified) {
		o = problem(r, RECORD_CONFLICT, NULL, lang, MSG_ALREADY_VERIFIED, code, NULL, NULL);
	} else if (unlock && !verified) {
		o = problem(r, RECORD_CONFLICT, NULL, lang, MSG_NOT_VERIFIED, code, NULL, NULL);
	} else if (unlock && (!reason || !reason[strspn(reason, " \t\r\n")])) {
		o = problem(r, RECORD_INVALID, "reason", lang, MSG_UNLOCK_REASON, NULL, NULL, NULL);
	}
	if (o != RECORD_OK) {
		db_rollback(d);
		goto out;
	}
	utc_now(at);
	old = unlock ? state_json(by, old_at, NULL) : state_json(NULL, NULL, NULL);
	now = unlock ? state_json(NULL, NULL, reason) : state_json(who->user, at, NULL);
	if (!old || !now ||
	    db_run(d, &e, "UPDATE funds SET verified_by = $1, verified_at = $2 WHERE id = $3", "tti",
	           unlock ? NULL : who->user, unlock ? NULL : at, id) ||
	    audit_record(d, who, k, code, unlock ? "unlock" : "verify", old, now, &e) || db_commit(d, &e)) {
		db_rollback(d);
		o = from_err(r, &e, RECORD_ERROR);
		goto out;
	}
	r->id = xstrdup(code);
	r->outcome = RECORD_OK;
out:
	json_decref(old);
	json_decref(now);
	free(by);
	free(old_at);
	err_free(&e);
	return o;
}

enum record_outcome receipt_verify(db *d, const char *code, enum lang lang, const struct actor *who,
                                   struct record_result *r)
{
	for (int attempt = 0;;) {
		enum record_outcome o = verify_once(d, code, false, NULL, lang, who, r);
		if (o != RECORD_ERROR || !db_retry(d, &attempt))
			return o;
		record_result_free(r);
	}
}

enum record_outcome receipt_unlock(db *d, const char *code, const char *reason, enum lang lang,
                                   const struct actor *who, struct record_result *r)
{
	for (int attempt = 0;;) {
		enum record_outcome o = verify_once(d, code, true, reason, lang, who, r);
		if (o != RECORD_ERROR || !db_retry(d, &attempt))
			return o;
		record_result_free(r);
	}
}

int receipt_verified(db *d, const char *code, char **by, char **at, err *e)
{
	db_stmt *st;
	*by = *at = NULL;
	if (db_prepare(
	            d, &st, e,
	            "SELECT verified_by, verified_at FROM funds WHERE code = $1 AND verified_at IS NOT NULL",
	            "t", code))
		return -1;
	int s = db_step(st, e);
	if (s == DB_ROW) {
		*by = xstrdup(db_col_text(st, 0));
		*at = xstrdup(db_col_text(st, 1));
	}
	db_finalize(st);
	return s == DB_ERROR ? -1 : s == DB_ROW;
}

static enum record_outcome evidence_once(db *d, const char *code, const char *name, const void *data,
                                         size_t len, const char *type, enum lang lang,
                                         const struct actor *who, struct record_result *r)
{
	err e;
	err_init(&e);
	enum record_outcome o = RECORD_OK;
	const struct kind *k = kind_find("funds");
	int64_t id = 0, doc = 0;
	bool verified = false;
	char *by = NULL, *by_at = NULL, at[32];
	unsigned char hash[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1];
	size_t cap = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = xmalloc(cap);
	json_t *now = NULL;
	crypto_hash_sha256(hash, data, len);
	sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
	sodium_bin2base64(b64, cap, data, len, sodium_base64_VARIANT_ORIGINAL);
	if (db_begin_write(d, &e)) {
		o = from_err(r, &e, RECORD_ERROR);
		goto out;
	}
	int found = fund_state(d, code, &id, &verified, &by, &by_at, &e);
	int ok = found == 1 ? record_allowed(d, who, k, code, PERM_WRITE, &e) : 0;
	if (found < 0 || ok < 0)
		o = from_err(r, &e, RECORD_ERROR);
	else if (!found)
		o = problem(r, RECORD_MISSING, NULL, lang, MSG_NO_RECORD, lang == LANG_EN ? k->name : k->zh,
		            code, NULL);
	else if (!ok)
		o = problem(r, RECORD_FORBIDDEN, NULL, lang, MSG_SCOPE_BEFORE,
		            who && who->scope ? who->scope : "", NULL, NULL);
	else if (verified)
		o = problem(r, RECORD_CONFLICT, NULL, lang, MSG_RECEIPT_LOCKED, code, by, NULL);
	if (o != RECORD_OK) {
		db_rollback(d);
		goto out;
	}
	utc_now(at);
	now = json_pack("{s:s, s:s, s:I, s:s}", "evidence", name, "content_type", type, "size",
	                (json_int_t)len, "sha256", hex);
	if (!now ||
	    db_int(d, &doc, &e,
	           "INSERT INTO fund_evidence (fund_id, name, content_type, size, sha256, data, uploaded_by,"
	           " uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
	           "ittitttt", id, name, type, (int64_t)len, hex, b64, who->user, at) ||
	    audit_record(d, who, k, code, "evidence", NULL, now, &e) || db_commit(d, &e)) {
		db_rollback(d);
		o = from_err(r, &e, RECORD_ERROR);
		goto out;
	}
	buf s = BUF_INIT;
	buf_printf(&s, "%lld", (long long)doc);
	r->id = buf_detach(&s);
	r->outcome = RECORD_OK;
out:
	json_decref(now);
	free(b64);
	free(by);
	free(by_at);
	err_free(&e);
	return o;
}

/* The document's name as shown and stored: the last part of NAME (after
 * '/' or '\\'), or "evidence" when there is none or it is not UTF-8. */
static const char *evidence_name(const char *name)
{
	if (!name || !name[0])
		return "evidence";
	const char *slash = strrchr(name, '/'), *bslash = strrchr(name, '\\');
	if (bslash && (!slash || bslash > slash))
		slash = bslash;
	if (slash && slash[1])
		name = slash + 1;
	return utf8_valid(name, strlen(name)) ? name : "evidence";
}

enum record_outcome receipt_add_evidence(db *d, const char *code, const char *name, const void *data,
                                         size_t len, enum lang lang, const struct actor *who,
                                         struct record_result *r)
{
	name = evidence_name(name);
	if (len == 0)
		return problem(r, RECORD_INVALID, "file", lang, MSG_EVIDENCE_EMPTY, NULL, NULL, NULL);
	if (len > EVIDENCE_MAX_BYTES) {
		char got[32], max[32];
		snprintf(got, sizeof got, "%zu", len);
		snprintf(max, sizeof max, "%d", EVIDENCE_MAX_BYTES);
		return problem(r, RECORD_INVALID, "file", lang, MSG_EVIDENCE_TOO_LARGE, got, max, NULL);
	}
	const char *type = evidence_sniff(data, len);
	if (!type)
		return problem(r, RECORD_INVALID, "file", lang, MSG_EVIDENCE_TYPE, name, NULL, NULL);
	if (sodium_init() < 0)
		return problem(r, RECORD_ERROR, NULL, lang, MSG_REASON, "libsodium", "cannot start", NULL);
	for (int attempt = 0;;) {
		enum record_outcome o = evidence_once(d, code, name, data, len, type, lang, who, r);
		if (o != RECORD_ERROR || !db_retry(d, &attempt))
			return o;
		record_result_free(r);
	}
}

void evidence_free(struct evidence *ev)
{
	free(ev->fund_code);
	free(ev->name);
	free(ev->content_type);
	free(ev->sha256);
	free(ev->uploaded_by);
	free(ev->uploaded_at);
	free(ev->data);
	memset(ev, 0, sizeof *ev);
}

#define EVIDENCE_COLS                                                                                        \
	"SELECT v.id, f.code, v.name, v.content_type, v.size, v.sha256, v.uploaded_by, v.uploaded_at"        \
	" FROM fund_evidence v JOIN funds f ON f.id = v.fund_id"

static void evidence_read(db_stmt *st, struct evidence *ev)
{
	ev->id = db_col_int(st, 0);
	ev->fund_code = xstrdup(db_col_text(st, 1));
	ev->name = xstrdup(db_col_text(st, 2));
	ev->content_type = xstrdup(db_col_text(st, 3));
	ev->size = db_col_int(st, 4);
	ev->sha256 = xstrdup(db_col_text(st, 5));
	ev->uploaded_by = xstrdup(db_col_text(st, 6));
	ev->uploaded_at = xstrdup(db_col_text(st, 7));
}

int evidence_list(db *d, const char *code, struct evidence **out, size_t *n, err *e)
{
	db_stmt *st;
	*out = NULL;
	*n = 0;
	if (db_prepare(d, &st, e, EVIDENCE_COLS " WHERE f.code = $1 ORDER BY v.id", "t", code))
		return -1;
	int s;
	while ((s = db_step(st, e)) == DB_ROW) {
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		memset(&(*out)[*n], 0, sizeof **out);
		evidence_read(st, &(*out)[(*n)++]);
	}
	db_finalize(st);
	return s == DB_ERROR ? -1 : 0;
}

int evidence_load(db *d, int64_t id, struct evidence *out, err *e)
{
	db_stmt *st;
	memset(out, 0, sizeof *out);
	if (db_prepare(d, &st, e,
	               "SELECT v.id, f.code, v.name, v.content_type, v.size, v.sha256, v.uploaded_by,"
	               " v.uploaded_at, v.data FROM fund_evidence v JOIN funds f ON f.id = v.fund_id"
	               " WHERE v.id = $1",
	               "i", id))
		return -1;
	int s = db_step(st, e);
	int rc = s == DB_ERROR ? -1 : s == DB_ROW;
	if (rc == 1) {
		evidence_read(st, out);
		const char *b64 = db_col_text(st, 8);
		size_t blen = strlen(b64), got = 0;
		out->data = xmalloc(blen + 1);
		if (sodium_base642bin(out->data, blen + 1, b64, blen, NULL, &got, NULL,
		                      sodium_base64_VARIANT_ORIGINAL) != 0 ||
		    (int64_t)got != out->size) {
			evidence_free(out);
			rc = err_add(e, EXIT_SYSTEM, "evidence %lld: its stored bytes are damaged",
			             (long long)id);
		}
	}
	db_finalize(st);
	return rc;
}

int transfer_receipt(db *d, const char *code, char **receipt, err *e)
{
	db_stmt *st;
	*receipt = NULL;
	if (db_prepare(d, &st, e,
	               "SELECT f.code FROM transfer_links l JOIN transfers t ON t.id = l.transfer_id"
	               " JOIN funds f ON f.id = l.fund_id WHERE t.code = $1",
	               "t", code))
		return -1;
	int s = db_step(st, e);
	if (s == DB_ROW)
		*receipt = xstrdup(db_col_text(st, 0));
	db_finalize(st);
	return s == DB_ERROR ? -1 : s == DB_ROW;
}

struct xfer {
	int64_t id, amount;
	char *project, *date;
};

static void xfer_free(struct xfer *x)
{
	free(x->project);
	free(x->date);
}

/* Transfer CODE: 1 found, 0 missing, -1. */
static int xfer_load(db *d, const char *code, struct xfer *x, err *e)
{
	db_stmt *st;
	memset(x, 0, sizeof *x);
	if (db_prepare(d, &st, e, "SELECT id, project_code, date, amount FROM transfers WHERE code = $1", "t",
	               code))
		return -1;
	int s = db_step(st, e);
	if (s == DB_ROW) {
		x->id = db_col_int(st, 0);
		x->project = xstrdup(db_col_text(st, 1));
		x->date = xstrdup(db_col_text(st, 2));
		x->amount = db_col_int(st, 3);
	}
	db_finalize(st);
	return s == DB_ERROR ? -1 : s == DB_ROW;
}

/* Transfer CODE (*X) and the receipt linked to it (*LINKED, NULL when
 * none), for WHO, who must read the transfer and may confirm: RECORD_OK,
 * or the refusal (in R). */
static enum record_outcome xfer_for(db *d, const char *code, enum lang lang, const struct actor *who,
                                    struct xfer *x, char **linked, struct record_result *r, err *e)
{
	const struct kind *tk = kind_find("transfers");
	int found = xfer_load(d, code, x, e);
	int ok = found == 1 ? record_allowed(d, who, tk, code, PERM_READ, e) : 0;
	int done = ok == 1 ? transfer_receipt(d, code, linked, e) : 0;
	if (found < 0 || ok < 0 || done < 0)
		return from_err(r, e, RECORD_ERROR);
	if (!found)
		return problem(r, RECORD_MISSING, NULL, lang, MSG_NO_RECORD,
		               lang == LANG_EN ? tk->name : tk->zh, code, NULL);
	if (!ok || !perm_area(who, PERM_CONFIRM))
		return problem(r, RECORD_FORBIDDEN, NULL, lang, MSG_FORBIDDEN_KIND,
		               perm_role_label(who ? who->role : ROLE_VIEWER, lang),
		               lang == LANG_EN ? tk->name : tk->zh, NULL);
	return RECORD_OK;
}

/* Checks that receipt CODE may hold transfer X: RECORD_OK, or the refusal. */
static enum record_outcome link_refused(db *d, const char *code, const struct xfer *x, enum lang lang,
                                        struct record_result *r, err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e,
	               "SELECT f.project_code, f.amount, f.side,"
	               " (SELECT t.code FROM transfer_links l JOIN transfers t ON t.id = l.transfer_id"
	               "  WHERE l.fund_id = f.id)"
	               " FROM funds f WHERE f.code = $1",
	               "t", code))
		return from_err(r, e, RECORD_ERROR);
	int s = db_step(st, e);
	enum record_outcome o = RECORD_OK;
	char a[32], b[32];
	if (s == DB_ERROR) {
		o = from_err(r, e, RECORD_ERROR);
	} else if (s != DB_ROW) {
		const struct kind *k = kind_find("funds");
		o = problem(r, RECORD_INVALID, "receipt", lang, MSG_NO_RECORD,
		            lang == LANG_EN ? k->name : k->zh, code, NULL);
	} else if (strcmp(db_col_text(st, 0), x->project) != 0) {
		o = problem(r, RECORD_INVALID, "receipt", lang, MSG_LINK_PROJECT, code, db_col_text(st, 0),
		            x->project);
	} else if (db_col_int(st, 1) != x->amount) {
		snprintf(a, sizeof a, "%lld", (long long)db_col_int(st, 1));
		snprintf(b, sizeof b, "%lld", (long long)x->amount);
		o = problem(r, RECORD_INVALID, "receipt", lang, MSG_LINK_AMOUNT, code, a, b);
	} else if (strcmp(db_col_text(st, 2), "supporter") != 0) {
		o = problem(r, RECORD_INVALID, "receipt", lang, MSG_LINK_SIDE, code, NULL, NULL);
	} else if (!db_col_null(st, 3)) {
		o = problem(r, RECORD_CONFLICT, "receipt", lang, MSG_LINK_TAKEN, code, db_col_text(st, 3),
		            NULL);
	}
	db_finalize(st);
	return o;
}

static enum record_outcome confirm_once(db *d, const char *code, const char *receipt, const char *date,
                                        enum lang lang, const struct actor *who, struct record_result *r)
{
	err e;
	err_init(&e);
	enum record_outcome o = RECORD_OK;
	const struct kind *tk = kind_find("transfers"), *fk = kind_find("funds");
	struct xfer x;
	char at[32], *linked = NULL, amount[32], note[96];
	json_t *now = NULL;
	if (db_begin_write(d, &e)) {
		o = from_err(r, &e, RECORD_ERROR);
		goto out0;
	}
	o = xfer_for(d, code, lang, who, &x, &linked, r, &e);
	if (o == RECORD_OK && linked)
		o = problem(r, RECORD_CONFLICT, NULL, lang, MSG_TRANSFER_CONFIRMED, code, linked, NULL);
	if (o != RECORD_OK)
		goto fail;
	if (receipt && *receipt) {
		/* the county links a receipt it recorded, which it must write */
		int w = record_allowed(d, who, fk, receipt, PERM_WRITE, &e);
		if (w < 0)
			o = from_err(r, &e, RECORD_ERROR);
		else if (!w) /* before saying anything of another county's receipt */
			o = problem(r, RECORD_FORBIDDEN, "receipt", lang, MSG_SCOPE_BEFORE,
			            who->scope ? who->scope : "", NULL, NULL);
		else
			o = link_refused(d, receipt, &x, lang, r, &e);
		if (o != RECORD_OK)
			goto fail;
		r->id = xstrdup(receipt);
	} else {
		snprintf(amount, sizeof amount, "%lld", (long long)x.amount);
		snprintf(note, sizeof note, "%s %s", lang == LANG_EN ? "transfer" : "拨付", code);
		const struct record_field f[] = {{"project_code", x.project},
		                                 {"date", date && *date ? date : x.date},
		                                 {"amount", amount},
		                                 {"side", "supporter"},
		                                 {"note", note},
		                                 {"code", ""}};
		struct import_result res;
		if (record_import_one(d, fk, f, sizeof f / sizeof f[0], lang, who, &res, &e)) {
			o = from_err(r, &e, res.refused ? RECORD_FORBIDDEN : RECORD_INVALID);
			goto fail;
		}
		if (record_written_id(d, fk, r, &e)) {
			o = from_err(r, &e, RECORD_ERROR);
			goto fail;
		}
	}
	utc_now(at);
	now = json_pack("{s:s}", "receipt", r->id);
	if (!now ||
	    db_run(d, &e,
	           "INSERT INTO transfer_links (transfer_id, fund_id, linked_by, linked_at)"
	           " SELECT CAST($1 AS BIGINT), id, CAST($2 AS TEXT), CAST($3 AS TEXT) FROM funds WHERE code "
	           "= $4",
	           "ittt", x.id, who->user, at, r->id) ||
	    audit_record(d, who, tk, code, "confirm", NULL, now, &e) || db_commit(d, &e)) {
		o = from_err(r, &e, RECORD_ERROR);
		goto fail;
	}
	r->outcome = RECORD_OK;
	goto out;
fail:
	db_rollback(d);
out:
	xfer_free(&x);
out0:
	json_decref(now);
	free(linked);
	err_free(&e);
	return o;
}

enum record_outcome transfer_confirm(db *d, const char *code, const char *receipt, const char *date,
                                     enum lang lang, const struct actor *who, struct record_result *r)
{
	for (int attempt = 0;;) {
		enum record_outcome o = confirm_once(d, code, receipt, date, lang, who, r);
		if (o != RECORD_ERROR || !db_retry(d, &attempt))
			return o;
		record_result_free(r);
	}
}

static enum record_outcome unconfirm_once(db *d, const char *code, const char *reason, enum lang lang,
                                          const struct actor *who, struct record_result *r)
{
	err e;
	err_init(&e);
	enum record_outcome o = RECORD_OK;
	const struct kind *tk = kind_find("transfers");
	struct xfer x;
	char *linked = NULL;
	json_t *old = NULL, *now = NULL;
	if (db_begin_write(d, &e)) {
		o = from_err(r, &e, RECORD_ERROR);
		goto out0;
	}
	o = xfer_for(d, code, lang, who, &x, &linked, r, &e);
	if (o == RECORD_OK && !linked)
		o = problem(r, RECORD_CONFLICT, NULL, lang, MSG_NOT_CONFIRMED, code, NULL, NULL);
	else if (o == RECORD_OK && (!reason || !reason[strspn(reason, " \t\r\n")]))
		o = problem(r, RECORD_INVALID, "reason", lang, MSG_UNCONFIRM_REASON, NULL, NULL, NULL);
	if (o != RECORD_OK)
		goto fail;
	old = json_pack("{s:s}", "receipt", linked);
	now = json_pack("{s:n, s:s}", "receipt", "reason", reason);
	if (!old || !now || db_run(d, &e, "DELETE FROM transfer_links WHERE transfer_id = $1", "i", x.id) ||
	    audit_record(d, who, tk, code, "unconfirm", old, now, &e) || db_commit(d, &e)) {
		o = from_err(r, &e, RECORD_ERROR);
		goto fail;
	}
	r->id = xstrdup(code);
	r->outcome = RECORD_OK;
	goto out;
fail:
	db_rollback(d);
out:
	xfer_free(&x);
out0:
	json_decref(old);
	json_decref(now);
	free(linked);
	err_free(&e);
	return o;
}

enum record_outcome transfer_unconfirm(db *d, const char *code, const char *reason, enum lang lang,
                                       const struct actor *who, struct record_result *r)
{
	for (int attempt = 0;;) {
		enum record_outcome o = unconfirm_once(d, code, reason, lang, who, r);
		if (o != RECORD_ERROR || !db_retry(d, &attempt))
			return o;
		record_result_free(r);
	}
}
