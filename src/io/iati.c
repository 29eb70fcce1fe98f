/* The IATI export: one program's projects as IATI 2.03 activities.
 *
 * Decisions (README, "IATI export"):
 * - the publisher (reporting-org, type 10 government) is the office that
 *   runs duikou; its identifier is given (--reporting-org, DUIKOU_IATI_ORG)
 *   and prefixes each iati-identifier: REF-PROJECTCODE;
 * - participating-org: the supporter funds (role 1), the recipient county
 *   (role 4) and the investor, when named (role 4), implement;
 * - activity-status: negotiating/preparing 1 Pipeline, constructing 2
 *   Implementation, operating 3 Finalisation (竣工投产: built and running,
 *   but receipts may still arrive, so not yet 4 Closed), stopped 5
 *   Cancelled;
 * - activity-date: signed = 1 planned start; the first day in the history
 *   at constructing = 2 actual start; the first at operating or stopped =
 *   4 actual end;
 * - budget: the total investment, indicative (status 1), for the year from
 *   the signing (IATI budget periods are at most a year; duikou keeps no
 *   yearly breakdown); planned-disbursement: the contract amount, from the
 *   supporter;
 * - transactions: every receipt is 1 Incoming Funds (money that arrived,
 *   TransactionType 2.03), provider the supporter or, for the recipient
 *   side, the county; value-date the receipt's date; currency CNY. */
#include "io/iati.h"
#include "core/date.h"
#include "model/codes.h"
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *iati_default_org(void)
{
	const char *env = getenv("DUIKOU_IATI_ORG");
	return env && env[0] ? env : IATI_DEFAULT_ORG;
}

const char *iati_activity_status(const char *status)
{
	static const char *const by_status[ST_COUNT] = {
	        [ST_NEGOTIATING] = "1", [ST_PREPARING] = "1", [ST_CONSTRUCTING] = "2",
	        [ST_OPERATING] = "3",   [ST_STOPPED] = "5",
	};
	int i = codes_index("status", status);
	return i >= 0 && i < ST_COUNT ? by_status[i] : "1";
}

/* The writer and whether any of its calls failed (each result is kept:
 * one failure fails the export). */
struct xw {
	xmlTextWriterPtr w;
	bool bad;
};

static void start(struct xw *x, const char *name)
{
	x->bad |= xmlTextWriterStartElement(x->w, BAD_CAST name) < 0;
}

static void end(struct xw *x)
{
	x->bad |= xmlTextWriterEndElement(x->w) < 0;
}

static void attr(struct xw *x, const char *name, const char *value)
{
	x->bad |= xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value) < 0;
}

static void attr_ns(struct xw *x, const char *prefix, const char *name, const char *value)
{
	x->bad |=
	        xmlTextWriterWriteAttributeNS(x->w, BAD_CAST prefix, BAD_CAST name, NULL, BAD_CAST value) < 0;
}

/* <narrative xml:lang="LANG">TEXT</narrative> (LANG NULL: the activity's) */
static void narrative(struct xw *x, const char *lang, const char *text)
{
	start(x, "narrative");
	if (lang)
		attr_ns(x, "xml", "lang", lang);
	x->bad |= xmlTextWriterWriteString(x->w, BAD_CAST text) < 0;
	end(x);
}

/* <NAME><narrative>TEXT</narrative></NAME> */
static void text_element(struct xw *x, const char *name, const char *text)
{
	start(x, name);
	narrative(x, NULL, text);
	end(x);
}

static void code_element(struct xw *x, const char *name, const char *code)
{
	start(x, name);
	attr(x, "code", code);
	end(x);
}

static void date_element(struct xw *x, const char *name, const char *iso)
{
	start(x, name);
	attr(x, "iso-date", iso);
	end(x);
}

static void value_element(struct xw *x, int64_t yuan, const char *value_date)
{
	char n[32];
	snprintf(n, sizeof n, "%lld", (long long)yuan);
	start(x, "value");
	attr(x, "value-date", value_date);
	x->bad |= xmlTextWriterWriteString(x->w, BAD_CAST n) < 0;
	end(x);
}

/* an organisation with its role (participating-org) or as a flow's end
 * (provider-org, receiver-org: ROLE NULL) */
static void org(struct xw *x, const char *element, const char *role, const char *type, const char *name)
{
	start(x, element);
	if (type)
		attr(x, "type", type);
	if (role)
		attr(x, "role", role);
	narrative(x, NULL, name);
	end(x);
}

/* IATI OrganisationType of an investor by its ownership */
static const char *investor_type(const char *ownership)
{
	if (strcmp(ownership, "government") == 0)
		return "10"; /* government */
	if (strcmp(ownership, "state") == 0)
		return "15"; /* other public sector */
	return "70";         /* private sector (private, foreign, collective) */
}

/* The day a year after ISO, less one (a budget's period end). */
static void year_end_of(const char *iso, char out[11])
{
	date d;
	const char *why;
	if (date_parse(iso, &d, &why) != 0) {
		snprintf(out, 11, "%s", iso);
		return;
	}
	date next = d;
	next.y++;
	if (next.m == 2 && next.d == 29)
		next.d = 28;
	date_format(date_from_days(date_to_days(next) - 1), out);
}

/* the columns of PROJECTS_SQL */
enum {
	P_CODE,
	P_NAME,
	P_CATEGORY,
	P_RCODE,
	P_RNAME,
	P_SCODE,
	P_SNAME,
	P_SIGNED,
	P_INVESTOR,
	P_OWNERSHIP,
	P_INDUSTRY,
	P_TOTAL,
	P_CONTRACT,
	P_STATUS,
	P_STARTED,
	P_ENDED,
	P_CONFERENCE
};

/* $1 the day the export is as of, $2 the program */
static const char PROJECTS_SQL[] =
        "SELECT p.code, p.name, p.category, p.recipient_code, r.name_zh, p.supporter_code, s.name_zh,"
        " p.signed_date, p.investor, p.ownership, p.industry_code, p.total_investment, p.contract_amount,"
        " COALESCE((SELECT h.status FROM status_history h WHERE h.project_code = p.code AND h.date <= $1"
        "           ORDER BY h.date DESC LIMIT 1), p.status),"
        " (SELECT MIN(h.date) FROM status_history h WHERE h.project_code = p.code AND h.date <= $1"
        "  AND h.status = 'constructing'),"
        " (SELECT MIN(h.date) FROM status_history h WHERE h.project_code = p.code AND h.date <= $1"
        "  AND h.status IN ('operating', 'stopped')),"
        " COALESCE(c.name, '')"
        " FROM projects p JOIN divisions r ON r.code = p.recipient_code"
        " JOIN divisions s ON s.code = p.supporter_code"
        " LEFT JOIN conferences c ON c.code = p.conference"
        " WHERE p.signed_date <= $1 AND p.program = $2 ORDER BY p.code";

enum { F_PROJECT, F_CODE, F_DATE, F_AMOUNT, F_SIDE, F_SOURCE, F_NOTE };

/* the receipts of those projects, in the same order of project */
static const char FUNDS_SQL[] =
        "SELECT f.project_code, f.code, f.date, f.amount, f.side, f.source_type, f.note"
        " FROM funds f JOIN projects p ON p.code = f.project_code"
        " WHERE f.date <= $1 AND p.signed_date <= $1 AND p.program = $2"
        " ORDER BY f.project_code, f.date, f.id";

static void write_transaction(struct xw *x, db_stmt *f, db_stmt *p)
{
	const char *when = db_col_text(f, F_DATE);
	start(x, "transaction");
	if (!db_col_null(f, F_CODE))
		attr(x, "ref", db_col_text(f, F_CODE));
	code_element(x, "transaction-type", "1"); /* incoming funds */
	date_element(x, "transaction-date", when);
	value_element(x, db_col_int(f, F_AMOUNT), when);
	buf d = BUF_INIT;
	const char *source = db_col_text(f, F_SOURCE);
	if (source[0])
		buf_puts(&d, codes_label("source_type", source, LANG_ZH));
	if (db_col_text(f, F_NOTE)[0])
		buf_printf(&d, "%s%s", d.len ? "：" : "", db_col_text(f, F_NOTE));
	if (d.len)
		text_element(x, "description", buf_str(&d));
	buf_free(&d);
	bool supporter = strcmp(db_col_text(f, F_SIDE), "supporter") == 0;
	org(x, "provider-org", NULL, "10", db_col_text(p, supporter ? P_SNAME : P_RNAME));
	end(x);
}

/* One project and its receipts; F is on the first receipt not yet
 * written (*FROW: DB_ROW, or DB_DONE when none is left). */
static int write_activity(struct xw *x, const struct iati_options *o, db_stmt *p, db_stmt *f, int *frow,
                          err *e)
{
	const char *code = db_col_text(p, P_CODE), *signed_date = db_col_text(p, P_SIGNED);
	buf b = BUF_INIT;
	start(x, "iati-activity");
	attr_ns(x, "xml", "lang", "zh");
	attr(x, "default-currency", "CNY");
	buf_printf(&b, "%s-%s", o->reporting_org, code);
	start(x, "iati-identifier");
	x->bad |= xmlTextWriterWriteString(x->w, BAD_CAST buf_str(&b)) < 0;
	end(x);
	start(x, "reporting-org");
	attr(x, "ref", o->reporting_org);
	attr(x, "type", "10");
	end(x);
	text_element(x, "title", db_col_text(p, P_NAME));

	buf_reset(&b);
	buf_printf(&b, "%s项目，%s对口支援%s，%s签约",
	           codes_label("category", db_col_text(p, P_CATEGORY), LANG_ZH), db_col_text(p, P_SNAME),
	           db_col_text(p, P_RNAME), signed_date);
	if (db_col_text(p, P_CONFERENCE)[0])
		buf_printf(&b, "（%s）", db_col_text(p, P_CONFERENCE));
	if (db_col_text(p, P_INVESTOR)[0])
		buf_printf(&b, "，投资方%s", db_col_text(p, P_INVESTOR));
	buf_puts(&b, "。");
	start(x, "description");
	attr(x, "type", "1"); /* general */
	narrative(x, NULL, buf_str(&b));
	end(x);

	org(x, "participating-org", "1", "10", db_col_text(p, P_SNAME));
	org(x, "participating-org", "4", "10", db_col_text(p, P_RNAME));
	if (db_col_text(p, P_INVESTOR)[0])
		org(x, "participating-org", "4", investor_type(db_col_text(p, P_OWNERSHIP)),
		    db_col_text(p, P_INVESTOR));

	code_element(x, "activity-status", iati_activity_status(db_col_text(p, P_STATUS)));
	start(x, "activity-date");
	attr(x, "type", "1");
	attr(x, "iso-date", signed_date);
	end(x);
	if (!db_col_null(p, P_STARTED)) {
		start(x, "activity-date");
		attr(x, "type", "2");
		attr(x, "iso-date", db_col_text(p, P_STARTED));
		end(x);
	}
	if (!db_col_null(p, P_ENDED)) {
		start(x, "activity-date");
		attr(x, "type", "4");
		attr(x, "iso-date", db_col_text(p, P_ENDED));
		end(x);
	}

	code_element(x, "recipient-country", "CN");
	start(x, "location");
	attr(x, "ref", db_col_text(p, P_RCODE)); /* the GB/T 2260 code */
	code_element(x, "location-reach", "1");  /* where the activity takes place */
	text_element(x, "name", db_col_text(p, P_RNAME));
	end(x);

	start(x, "sector");
	attr(x, "vocabulary", "1"); /* OECD DAC 5-digit */
	attr(x, "code", iati_dac_sector(db_col_text(p, P_INDUSTRY)));
	attr(x, "percentage", "100");
	end(x);
	start(x, "sector");
	attr(x, "vocabulary", "99"); /* the reporting organisation's: GB/T 4754-2017 */
	attr(x, "code", db_col_text(p, P_INDUSTRY));
	attr(x, "percentage", "100");
	narrative(x, NULL, "GB/T 4754-2017");
	end(x);

	char until[11];
	year_end_of(signed_date, until);
	if (!db_col_null(p, P_TOTAL) && db_col_int(p, P_TOTAL) > 0) {
		start(x, "budget");
		attr(x, "type", "1");   /* original */
		attr(x, "status", "1"); /* indicative */
		date_element(x, "period-start", signed_date);
		date_element(x, "period-end", until);
		value_element(x, db_col_int(p, P_TOTAL), signed_date);
		end(x);
	}
	if (!db_col_null(p, P_CONTRACT) && db_col_int(p, P_CONTRACT) > 0) {
		start(x, "planned-disbursement");
		attr(x, "type", "1");
		date_element(x, "period-start", signed_date);
		date_element(x, "period-end", until);
		value_element(x, db_col_int(p, P_CONTRACT), signed_date);
		org(x, "provider-org", NULL, "10", db_col_text(p, P_SNAME));
		org(x, "receiver-org", NULL, "10", db_col_text(p, P_RNAME));
		end(x);
	}

	/* both queries are ordered by project code: skip receipts of codes
	 * before this one (none, as both select the same projects) */
	while (*frow == DB_ROW && strcmp(db_col_text(f, F_PROJECT), code) < 0)
		*frow = db_step(f, e);
	while (*frow == DB_ROW && strcmp(db_col_text(f, F_PROJECT), code) == 0) {
		write_transaction(x, f, p);
		*frow = db_step(f, e);
	}
	end(x);
	buf_free(&b);
	return *frow == DB_ERROR ? -1 : 0;
}

int iati_export(db *d, const struct iati_options *o, buf *out, err *e)
{
	int64_t known = 0;
	if (db_int(d, &known, e, "SELECT COUNT(*) FROM programs WHERE code = $1", "t", o->program))
		return -1;
	if (!known)
		return err_add(e, EXIT_INVALID, "iati: unknown program '%s'", o->program), -1;
	char asof[16];
	if (o->year)
		snprintf(asof, sizeof asof, "%04d-12-31", o->year);
	else
		snprintf(asof, sizeof asof, "9999-12-31");

	int rc = -1;
	db_stmt *p = NULL, *f = NULL;
	xmlBufferPtr xb = xmlBufferCreate();
	xmlTextWriterPtr w = xb ? xmlNewTextWriterMemory(xb, 0) : NULL;
	if (!w) {
		err_add(e, EXIT_SYSTEM, "iati: cannot create the XML writer");
		goto out;
	}
	struct xw x = {w, false};
	x.bad |= xmlTextWriterSetIndent(w, 1) < 0;
	x.bad |= xmlTextWriterSetIndentString(w, BAD_CAST "  ") < 0;
	x.bad |= xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0;
	start(&x, "iati-activities");
	attr(&x, "version", "2.03");
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	if (gmtime_r(&t, &tm) && strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm))
		attr(&x, "generated-datetime", now);

	if (db_prepare(d, &p, e, PROJECTS_SQL, "tt", asof, o->program) ||
	    db_prepare(d, &f, e, FUNDS_SQL, "tt", asof, o->program))
		goto out;
	int frow = db_step(f, e), prow;
	long activities = 0;
	if (frow == DB_ERROR)
		goto out;
	while ((prow = db_step(p, e)) == DB_ROW) {
		if (write_activity(&x, o, p, f, &frow, e))
			goto out;
		activities++;
	}
	if (prow == DB_ERROR)
		goto out;
	if (activities == 0) {
		if (o->year)
			err_add(e, EXIT_INVALID, "iati: program '%s' has no project signed by %d", o->program,
			        o->year);
		else
			err_add(e, EXIT_INVALID, "iati: program '%s' has no project", o->program);
		goto out;
	}
	end(&x);
	x.bad |= xmlTextWriterEndDocument(w) < 0;
	if (x.bad) {
		err_add(e, EXIT_SYSTEM, "iati: the XML writer failed");
		goto out;
	}
	xmlFreeTextWriter(w); /* flushes into xb */
	w = NULL;
	buf_add(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	rc = 0;
out:
	db_finalize(p);
	db_finalize(f);
	if (w)
		xmlFreeTextWriter(w);
	if (xb)
		xmlBufferFree(xb);
	return rc;
}
