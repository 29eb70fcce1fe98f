/* The message catalogue: English and Chinese templates of every check and
 * rule message. The English texts are those of interchange.md's error lines
 * and must not change; the Chinese ones name columns by their Chinese
 * headers (model/kinds.c). */
#include "model/messages.h"
#include <stdarg.h>
#include <string.h>

#define Q(s) "\"%1\" " s

static const struct msg_template templates[MSG_COUNT] = {
        [MSG_CELL_NOT_UTF8] = {"the cell is not valid UTF-8 text (save the file as UTF-8)",
                               "单元格不是有效的 UTF-8 文本（请将文件另存为 UTF-8）", 0},
        [MSG_CELL_NUL] = {"the cell holds a NUL byte", "单元格含有 NUL 字节", 0},
        [MSG_REQUIRED] = {"required; must not be empty", "必填，不能为空", 0},
        [MSG_NOT_WHOLE] = {Q("is not a whole number"), "“%1”不是整数", 1},
        [MSG_NEGATIVE] = {Q("must not be negative"), "“%1”不能为负数", 1},
        [MSG_NOT_YEAR] = {Q("is not a year from 1949 to 2100"), "“%1”不是1949年至2100年之间的年份", 1},
        [MSG_IS_EMPTY] = {Q("is empty"), "“%1”为空", 1},
        [MSG_TOO_LARGE] = {Q("is too large"), "“%1”太大", 1},
        [MSG_NOT_AMOUNT] = {Q("is not an amount (write digits, optionally with 万 or 亿, e.g. 8730万)"),
                            "“%1”不是金额（请写数字，可带“万”或“亿”，如8730万）", 1},
        [MSG_TOO_MANY_DECIMALS] = {Q("has too many decimals"), "“%1”的小数位太多", 1},
        [MSG_NOT_WHOLE_YUAN] = {Q("is not a whole number of yuan"), "“%1”不是整元数", 1},
        [MSG_NOT_WHOLE_YUAN_UNIT] = {Q("is not a whole number of yuan once 万/亿 is applied"),
                                     "“%1”按万或亿换算后不是整元数", 1},
        [MSG_NOT_DATE] = {Q("is not a date (write YYYY-MM-DD, e.g. 2004-12-31)"),
                          "“%1”不是日期（请写成YYYY-MM-DD，如2004-12-31）", 1},
        [MSG_NO_SUCH_MONTH] = {Q("has no such month"), "“%1”的月份不存在", 1},
        [MSG_NO_SUCH_DAY] = {Q("has no such day in its month"), "“%1”的日在该月中不存在", 1},
        [MSG_REASON] = {"\"%1\" %2", "“%1”%2", 2},
        [MSG_NOT_BOOL] = {Q("is not yes or no (1/0, true/false, 是/否)"),
                          "“%1”不是“是”或“否”（可写1/0、true/false、是/否）", 1},
        [MSG_UNKNOWN_DIVISION_CODE] = {Q("is not a known division code (GB/T 2260)"),
                                       "“%1”不是已知的行政区划代码（GB/T 2260）", 1},
        [MSG_UNKNOWN_DIVISION_NAME] = {Q("is not a known division code or name"),
                                       "“%1”不是已知的行政区划代码或名称", 1},
        [MSG_DIVISION_AMBIGUOUS] = {Q("names several divisions; give the six-digit code"),
                                    "“%1”对应多个行政区划，请填写六位代码", 1},
        [MSG_NOT_INDUSTRY_HINT] = {Q("is not a GB/T 4754-2017 industry code (a section letter or a code "
                                     "of 2 to 4 digits starting with a division)"),
                                   "“%1”不是GB/T 4754-2017行业代码（应为门类字母，或以大类开头的2至4位数字）",
                                   1},
        /* %2: the code list (English), the column's Chinese header (Chinese) */
        [MSG_UNKNOWN_CODE] = {Q("is not a known %2 (one of: %3)"), "“%1”不是已知的%2（可选：%3）", 3},
        [MSG_UNKNOWN_PROGRAM] = {Q("is not a known program"), "“%1”不是已知的项目计划", 1},
        [MSG_UNKNOWN_CONFERENCE_IMPORT] = {Q("is not a known conference (import the conferences first)"),
                                           "“%1”不是已知的会议（请先导入会议）", 1},
        [MSG_UNKNOWN_PROJECT_IMPORT] = {Q("is not a known project (import the projects first)"),
                                        "“%1”不是已知的项目（请先导入项目）", 1},
        [MSG_HEADER_NOT_UTF8] = {"header field %1 is not valid UTF-8", "表头第%1个字段不是有效的 UTF-8 文本",
                                 1},
        /* %1: the kind, %2: its columns (English names, or Chinese headers) */
        [MSG_UNKNOWN_COLUMN] = {"unknown column for %1 (columns: %2)", "%1没有这一列（可用的列：%2）", 2},
        [MSG_COLUMN_TWICE] = {"column %1 is given twice", "“%1”列出现了两次", 1},
        [MSG_COLUMN_MISSING] = {"required column missing", "缺少必填列", 0},
        [MSG_FIELD_COUNT] = {"%1 fields, but the header has %2", "本行有%1个字段，但表头有%2个", 2},
        [MSG_EMPTY_FILE] = {"the file is empty; expected a header row", "文件为空，应有表头行", 0},
        [MSG_EMPTY_SHEET] = {"the sheet is empty; expected a header row", "工作表为空，应有表头行", 0},
        [MSG_KEY_EXISTS] = {"a %1 record with this key already exists", "已有相同主键的%1记录", 1},
        [MSG_NO_RECORD] = {"no %1 record %2", "没有%1记录%2", 2},
        [MSG_KEY_FIXED] = {"the key cannot be changed; delete the record and create a new one",
                           "主键不能修改；请删除该记录后新建一条", 0},
        [MSG_VISIT_CLASH] = {"another visit has the same date, direction, supporter and recipient",
                             "已有日期、方向、支援方和受援方都相同的另一次考察互访", 0},
        [MSG_REFERENCED] = {"%1 %2 is still referenced by other records; change or delete those first",
                            "%1记录%2仍被其他记录引用；请先修改或删除那些记录", 2},
        [MSG_PLAN_FORBIDDEN] = {"you may not %1 plan %2", "您无权%1规划%2", 2},
        [MSG_PLAN_WRONG_STATE] = {"plan %1 is %2; it cannot be %3 now", "规划%1当前为“%2”，不能%3", 3},
        [MSG_PLAN_REASON] = {"a plan is returned only with a reason", "退回规划须填写理由", 0},
        [MSG_PLAN_LOCKED_FIELD] = {"only the municipal office may change a plan's %1; the workflow steps do",
                                   "只有市级部门可以直接修改规划的%1；请通过审批流程办理", 1},
        [MSG_PLAN_NOT_EDITABLE] = {"the plan is %1; it can be changed only while a draft or returned",
                                   "该规划当前为“%1”，只有草稿或已退回的规划可以修改", 1},
        /* %1: the role (its label), %2: the kind */
        [MSG_FORBIDDEN_KIND] = {"a %1 user may not change %2 records", "%1用户无权修改%2记录", 2},
        /* %1: the actor's scope (a county or supporter code) */
        [MSG_SCOPE_BEFORE] = {"the record is outside your scope %1; you may not change it",
                              "该记录不在您的权限范围（%1）内，无权修改", 1},
        [MSG_SCOPE_AFTER] = {Q("is outside your scope %2"), "“%1”不在您的权限范围（%2）内", 2},
        [MSG_RULE_NEGATIVE] = {"%1 must not be negative", "%1不能为负数", 1},
        [MSG_RULE_PRIVATE_OVER_CONTRACT] = {"private capital %1 exceeds the contract amount %2",
                                            "民营资本%1超过合同资金%2", 2},
        [MSG_RULE_CONTRACT_OVER_TOTAL] = {"contract amount %1 exceeds the total investment %2",
                                          "合同资金%1超过投资总额%2", 2},
        [MSG_RULE_PRIVATE_OVER_TOTAL] = {"private capital %1 exceeds the total investment %2",
                                         "民营资本%1超过投资总额%2", 2},
        [MSG_RULE_AFTER_STOPPED] = {"%1 after the project was stopped on %2", "项目已于%2停止，之后又记为%1",
                                    2},
        [MSG_RULE_GOES_BACK] = {"%1 goes back from %2 (%3)", "状态从%2（%3）倒退为%1", 3},
        [MSG_RULE_NO_HISTORY] = {"the project has no status history", "项目没有状态历史", 0},
        [MSG_RULE_STATUS_DIFFERS] = {"status %1 on %2 differs from the latest history entry, %3 on %4",
                                     "状态%1（%2）与最新的状态历史%3（%4）不一致", 4},
        [MSG_RULE_FUND_EARLY] = {"received %1, before project %2 was signed on %3",
                                 "到位日期%1早于项目%2的签约日期%3", 3},
        [MSG_RULE_SIGNED_EARLY] = {"signed %1, before conference %2 on %3", "签约日期%1早于会议%2的日期%3",
                                   3},
        [MSG_RULE_PERIOD_BACKWARDS] = {"the period ends (%1) before it starts (%2)",
                                       "规划期的结束年份（%1）早于开始年份（%2）", 2},
        [MSG_RULE_PERIOD_LONG] = {"the period %1-%2 is longer than 10 years", "规划期%1-%2超过10年", 2},
        [MSG_RULE_APPROVER_NO_DATE] = {"approved_by is given but approved_date is not",
                                       "填写了认可方但没有认可日期", 0},
        [MSG_RULE_DATE_NO_APPROVER] = {"approved_date is given but approved_by is not",
                                       "填写了认可日期但没有认可方", 0},
        [MSG_RULE_HEADCOUNT] = {"headcount %1 must be greater than 0", "人数%1必须大于0", 1},
        [MSG_RULE_DAYS] = {"days %1 must be greater than 0", "天数%1必须大于0", 1},
        [MSG_RULE_UNTIL_BEFORE_SINCE] = {"until_year %1 is before since_year %2", "截止年份%1早于结对年份%2",
                                         2},
        [MSG_RULE_UNKNOWN_DIVISION] = {Q("is not a known division"), "“%1”不是已知的行政区划", 1},
        [MSG_RULE_UNKNOWN_PROGRAM] = {Q("is not a known program"), "“%1”不是已知的项目计划", 1},
        [MSG_RULE_UNKNOWN_CONFERENCE] = {Q("is not a known conference"), "“%1”不是已知的会议", 1},
        [MSG_RULE_UNKNOWN_PROJECT] = {Q("is not a known project"), "“%1”不是已知的项目", 1},
        [MSG_RULE_NOT_INDUSTRY] = {Q("is not a GB/T 4754-2017 industry code"),
                                   "“%1”不是GB/T 4754-2017行业代码", 1},
        [MSG_RULE_DATE_IMPLAUSIBLE] = {"%1 is not a plausible date (1949 to %2)",
                                       "%1不是合理的日期（应在1949年至%2年之间）", 2},
        [MSG_RULE_YEAR_IMPLAUSIBLE] = {"%1 is not a plausible year (1949 to %2)",
                                       "%1不是合理的年份（应在1949年至%2年之间）", 2},
        [MSG_UNKNOWN_PLAN_IMPORT] = {Q("is not a known plan (import the plans first)"),
                                     "“%1”不是已知的规划（请先导入规划）", 1},
        [MSG_RULE_UNKNOWN_PLAN] = {Q("is not a known plan"), "“%1”不是已知的规划", 1},
        [MSG_RULE_TARGET_YEAR_OUTSIDE] = {"year %1 is outside the plan's period %2-%3",
                                          "年度%1不在规划期%2-%3之内", 3},
        /* %1: the measure's column, %2: the years' sum, %3: the plan's total */
        [MSG_RULE_TARGET_YEARS_SUM] = {"the years' %1 add up to %2, more than the plan's total %3",
                                       "各年度%1合计%2,超过规划总目标%3", 3},
        /* the tracking service (issue 7) */
        [MSG_RULE_UNKNOWN_PERSON] = {Q("is not a known person"), "“%1”不是已登记的人员", 1},
        [MSG_RULE_TWO_LEADERS] = {"project %1 has more than one leader (%2 and %3)",
                                  "项目%1有不止一位负责领导（%2、%3）", 3},
        [MSG_RULE_DUE_BEFORE_PROMISED] = {"due_date %1 is before promised_date %2", "期限%1早于承诺日期%2",
                                          2},
        [MSG_RULE_DONE_BEFORE_PROMISED] = {"done_date %1 is before promised_date %2",
                                           "兑现日期%1早于承诺日期%2", 2},
        [MSG_RULE_DONE_WITHOUT_DATE] = {"status is done but done_date is not given",
                                        "状态为已兑现但没有兑现日期", 0},
        [MSG_RULE_OPEN_WITH_DATE] = {"status is open but done_date %1 is given",
                                     "状态为未兑现但填写了兑现日期%1", 1},
        [MSG_DB_FULL] = {"the disk is full: no space left for the database; nothing was written (free some "
                         "space and run it again)",
                         "磁盘已满：数据库没有可用空间，未写入任何内容（请腾出空间后重试）", 0},
        [MSG_DB_READONLY] = {"the database is read-only: nothing was written (check the permissions of the "
                             "file and of its folder)",
                             "数据库为只读：未写入任何内容（请检查数据库文件及其所在目录的权限）", 0},
        [MSG_DB_LOCKED] = {"the database is locked by another process (busy): gave up after waiting; "
                           "nothing was written (try again when it is done)",
                           "数据库被另一进程锁定（忙）：等待后放弃，未写入任何内容（请待其完成后重试）", 0},
        [MSG_DB_NOT_DATABASE] = {"the file is not a database", "该文件不是数据库", 0},
        [MSG_DB_CORRUPT] = {"the database file is damaged (restore it from a backup: duikou restore)",
                            "数据库文件已损坏（请用 duikou restore 从备份恢复）", 0},
        [MSG_DB_CANTOPEN] = {"cannot open the database file (check that it and its folder exist and may be "
                             "read and written)",
                             "无法打开数据库文件（请检查文件及其目录是否存在、是否可读写）", 0},
        [MSG_DB_IO] = {"a disk read or write failed (the disk may be full or failing, or the file too large)",
                       "磁盘读写失败（磁盘可能已满或损坏，或文件过大）", 0},
        /* both sides' books (issue 10) */
        [MSG_RECEIPT_LOCKED] = {"receipt %1 was verified by %2 and is locked; the municipal office must "
                                "unlock it (with a reason) before it can be changed or deleted",
                                "到位资金%1已由%2核实并锁定，须由市级对口办填写理由解锁后才能修改或删除", 2},
        [MSG_PROJECT_LOCKED] = {"project %1 has verified receipts (%2); unlock them before deleting it",
                                "项目%1有已核实的到位资金（%2），须先解锁才能删除", 2},
        [MSG_UNLOCK_REASON] = {"give the reason for unlocking", "请填写解锁理由", 0},
        [MSG_NOT_VERIFIED] = {"receipt %1 is not verified", "到位资金%1尚未核实", 1},
        [MSG_ALREADY_VERIFIED] = {"receipt %1 is already verified", "到位资金%1已经核实", 1},
        [MSG_TRANSFER_CONFIRMED] = {"transfer %1 is already confirmed (receipt %2)",
                                    "拨付%1已确认到位（到位资金%2）", 2},
        [MSG_LINK_PROJECT] = {"receipt %1 is of project %2, the transfer of %3",
                              "到位资金%1属于项目%2，而拨付属于项目%3", 3},
        [MSG_LINK_AMOUNT] = {"receipt %1 is of %2 yuan, the transfer of %3 yuan",
                             "到位资金%1为%2元，而拨付为%3元", 3},
        [MSG_LINK_TAKEN] = {"receipt %1 already holds transfer %2", "到位资金%1已对应拨付%2", 2},
        [MSG_LINK_SIDE] = {"receipt %1 is not money from the supporter", "到位资金%1不是支援方资金", 1},
        [MSG_EVIDENCE_TOO_LARGE] = {"the file is %1 bytes; at most %2 bytes (10 MiB) are accepted",
                                    "文件大小为%1字节，最多只能上传%2字节（10 MiB）", 2},
        [MSG_EVIDENCE_TYPE] =
                {"\"%1\" is not a PDF, PNG or JPEG file (its content was checked, not its name)",
                 "“%1”不是PDF、PNG或JPEG文件（按文件内容判断，而非文件名）", 1},
        [MSG_EVIDENCE_EMPTY] = {"choose a file to upload", "请选择要上传的文件", 0},
        /* a confirmed transfer is locked (issue 10) */
        [MSG_TRANSFER_LOCKED] =
                {"transfer %1 was confirmed as arrived by %2 (receipt %3) and is locked; the "
                 "county or the municipal office must unconfirm it (with a reason) before "
                 "its project, amount or date can be changed or it can be deleted",
                 "拨付%1已由%2确认到位（到位资金%3）并锁定，须由区县或市级对口办填写理由撤销确认后"
                 "才能修改项目、金额、日期或删除",
                 3},
        [MSG_NOT_CONFIRMED] = {"transfer %1 is not confirmed", "拨付%1尚未确认到位", 1},
        [MSG_UNCONFIRM_REASON] = {"give the reason for unconfirming", "请填写撤销确认的理由", 0},
        [MSG_RECEIPT_LINKED] =
                {"receipt %1 holds the confirmed transfer %2; unconfirm it before deleting the "
                 "receipt",
                 "到位资金%1对应已确认到位的拨付%2，须先撤销确认才能删除", 2},
        [MSG_PROJECT_CONFIRMED] =
                {"project %1 has confirmed transfers (%2); unconfirm them before deleting it",
                 "项目%1有已确认到位的拨付（%2），须先撤销确认才能删除", 2},
};

const struct msg_template *msg_template(enum msg_id id)
{
	return &templates[id];
}

void msg_formatv(buf *out, enum lang lang, enum msg_id id, const char *const *args)
{
	const struct msg_template *t = &templates[id];
	const char *p = lang == LANG_EN ? t->en : t->zh;
	while (*p) {
		const char *pct = strchr(p, '%');
		if (!pct) {
			buf_puts(out, p);
			break;
		}
		buf_add(out, p, (size_t)(pct - p));
		int n = pct[1] - '0';
		if (n >= 1 && n <= t->nargs) {
			if (args[n - 1])
				buf_puts(out, args[n - 1]);
			p = pct + 2;
		} else {
			/* a '%' that is not an argument is text */
			buf_putc(out, '%');
			p = pct + 1;
		}
	}
}

void msg_format(buf *out, enum lang lang, enum msg_id id, ...)
{
	const char *args[9] = {0};
	va_list ap;
	va_start(ap, id);
	for (int i = 0; i < templates[id].nargs && i < 9; i++)
		args[i] = va_arg(ap, const char *);
	va_end(ap);
	msg_formatv(out, lang, id, args);
}

enum msg_id msg_reason(const char *why)
{
	static const char lead[] = "\"%1\" ";
	for (int i = 0; i < MSG_COUNT; i++) {
		const char *en = templates[i].en;
		if (i != MSG_REASON && templates[i].nargs == 1 && strncmp(en, lead, sizeof lead - 1) == 0 &&
		    strcmp(en + sizeof lead - 1, why) == 0)
			return (enum msg_id)i;
	}
	return MSG_REASON;
}
