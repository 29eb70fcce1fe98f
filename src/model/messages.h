/* The message catalogue: every check and rule message of import, record
 * saving and validation as an id with an English and a Chinese template
 * whose arguments are numbered (%1, %2 …), formatted in the page's language. */
#ifndef DUIKOU_MESSAGES_H
#define DUIKOU_MESSAGES_H
#include "core/buf.h"
#include "core/num.h"

enum msg_id {
	/* cell checks (io/cell.c) */
	MSG_CELL_NOT_UTF8,
	MSG_CELL_NUL,
	MSG_REQUIRED,
	MSG_NOT_WHOLE,
	MSG_NEGATIVE,
	MSG_NOT_YEAR,
	MSG_IS_EMPTY,
	MSG_TOO_LARGE,
	MSG_NOT_AMOUNT,
	MSG_TOO_MANY_DECIMALS,
	MSG_NOT_WHOLE_YUAN,
	MSG_NOT_WHOLE_YUAN_UNIT,
	MSG_NOT_DATE,
	MSG_NO_SUCH_MONTH,
	MSG_NO_SUCH_DAY,
	MSG_REASON, /* a parse failure without an entry of its own */
	MSG_NOT_BOOL,
	MSG_UNKNOWN_DIVISION_CODE,
	MSG_UNKNOWN_DIVISION_NAME,
	MSG_DIVISION_AMBIGUOUS,
	MSG_NOT_INDUSTRY_HINT,
	MSG_UNKNOWN_CODE,
	MSG_UNKNOWN_PROGRAM,
	MSG_UNKNOWN_CONFERENCE_IMPORT,
	MSG_UNKNOWN_PROJECT_IMPORT,
	/* the importer's header and rows (io/transfer.c) */
	MSG_HEADER_NOT_UTF8,
	MSG_UNKNOWN_COLUMN,
	MSG_COLUMN_TWICE,
	MSG_COLUMN_MISSING,
	MSG_FIELD_COUNT,
	MSG_EMPTY_FILE,
	MSG_EMPTY_SHEET,
	/* saving and deleting one record (model/record.c) */
	MSG_KEY_EXISTS,
	MSG_NO_RECORD,
	MSG_KEY_FIXED,
	MSG_VISIT_CLASH,
	MSG_REFERENCED,
	/* the plan workflow (model/plan_flow.c) */
	MSG_PLAN_FORBIDDEN,
	MSG_PLAN_WRONG_STATE,
	MSG_PLAN_REASON,
	MSG_PLAN_LOCKED_FIELD,
	MSG_PLAN_NOT_EDITABLE,
	/* authorization (model/perm.h): the importer's and record.c's refusals */
	MSG_FORBIDDEN_KIND,
	MSG_SCOPE_BEFORE,
	MSG_SCOPE_AFTER,
	/* validation rules (model/validate.c) */
	MSG_RULE_NEGATIVE,
	MSG_RULE_PRIVATE_OVER_CONTRACT,
	MSG_RULE_CONTRACT_OVER_TOTAL,
	MSG_RULE_PRIVATE_OVER_TOTAL,
	MSG_RULE_AFTER_STOPPED,
	MSG_RULE_GOES_BACK,
	MSG_RULE_NO_HISTORY,
	MSG_RULE_STATUS_DIFFERS,
	MSG_RULE_FUND_EARLY,
	MSG_RULE_SIGNED_EARLY,
	MSG_RULE_PERIOD_BACKWARDS,
	MSG_RULE_PERIOD_LONG,
	MSG_RULE_APPROVER_NO_DATE,
	MSG_RULE_DATE_NO_APPROVER,
	MSG_RULE_HEADCOUNT,
	MSG_RULE_DAYS,
	MSG_RULE_UNTIL_BEFORE_SINCE,
	MSG_RULE_UNKNOWN_DIVISION,
	MSG_RULE_UNKNOWN_PROGRAM,
	MSG_RULE_UNKNOWN_CONFERENCE,
	MSG_RULE_UNKNOWN_PROJECT,
	MSG_RULE_NOT_INDUSTRY,
	MSG_RULE_DATE_IMPLAUSIBLE,
	MSG_RULE_YEAR_IMPLAUSIBLE,
	/* plan targets by year (sql/006_plan_targets.sql) */
	MSG_UNKNOWN_PLAN_IMPORT,
	MSG_RULE_UNKNOWN_PLAN,
	MSG_RULE_TARGET_YEAR_OUTSIDE,
	MSG_RULE_TARGET_YEARS_SUM,
	/* the tracking service (issue 7) */
	MSG_RULE_UNKNOWN_PERSON,
	MSG_RULE_TWO_LEADERS,
	MSG_RULE_DUE_BEFORE_PROMISED,
	MSG_RULE_DONE_BEFORE_PROMISED,
	MSG_RULE_DONE_WITHOUT_DATE,
	MSG_RULE_OPEN_WITH_DATE,
	/* the database's faults (store/sqlite.c), issue 9: what the user can
	 * do about a full disk, a read-only or locked file */
	MSG_DB_FULL,
	MSG_DB_READONLY,
	MSG_DB_LOCKED,
	MSG_DB_NOT_DATABASE,
	MSG_DB_CORRUPT,
	MSG_DB_CANTOPEN,
	MSG_DB_IO,
	/* both sides' books (issue 10): verified receipts, transfers */
	MSG_RECEIPT_LOCKED,
	MSG_PROJECT_LOCKED,
	MSG_UNLOCK_REASON,
	MSG_NOT_VERIFIED,
	MSG_ALREADY_VERIFIED,
	MSG_TRANSFER_CONFIRMED,
	MSG_LINK_PROJECT,
	MSG_LINK_AMOUNT,
	MSG_LINK_TAKEN,
	MSG_LINK_SIDE,
	MSG_EVIDENCE_TOO_LARGE,
	MSG_EVIDENCE_TYPE,
	MSG_EVIDENCE_EMPTY,
	/* a confirmed transfer is locked (issue 10, the API and command line) */
	MSG_TRANSFER_LOCKED,
	MSG_NOT_CONFIRMED,
	MSG_UNCONFIRM_REASON,
	MSG_RECEIPT_LINKED,
	MSG_PROJECT_CONFIRMED,
	MSG_COUNT
};

struct msg_template {
	const char *en;
	const char *zh;
	int nargs; /* the templates use exactly %1 … %nargs */
};

/* The templates of ID. */
const struct msg_template *msg_template(enum msg_id id);
/* Appends message ID in LANG to OUT; ARGS holds the template's nargs
 * arguments (a NULL one is written as empty). */
void msg_formatv(buf *out, enum lang lang, enum msg_id id, const char *const *args);
/* msg_formatv with the arguments given as const char * after ID. */
void msg_format(buf *out, enum lang lang, enum msg_id id, ...);
/* The message of a parse failure "\"S\" WHY" from num_parse_* or
 * date_parse (WHY is English text from core): the entry whose English
 * template is exactly that, else MSG_REASON. */
enum msg_id msg_reason(const char *why);

#endif
