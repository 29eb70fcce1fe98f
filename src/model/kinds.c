/* The table of record kinds and their columns (interchange.md). Columns
 * marked "added" extend the documented set; README lists them. */
#include "model/kinds.h"
#include <string.h>

#define COLS(a) a, sizeof a / sizeof a[0]

static const struct column pairings_cols[] = {
        {"program", "项目计划", CT_PROGRAM, NULL, true},
        {"supporter_code", "支援方", CT_DIVISION, NULL, true},
        {"recipient_code", "受援方", CT_DIVISION, NULL, true},
        {"since_year", "结对年份", CT_YEAR, NULL, true},
        {"until_year", "截止年份", CT_YEAR, NULL, false},
};
static const char *const pairings_key[] = {"program", "supporter_code", "recipient_code", NULL};

static const struct column conferences_cols[] = {
        {"code", "会议编号", CT_TEXT, NULL, true},
        {"name", "会议名称", CT_TEXT, NULL, true},
        {"date", "日期", CT_DATE, NULL, true},
        {"place", "地点", CT_TEXT, NULL, false},
        {"program", "项目计划", CT_PROGRAM, NULL, false}, /* added; default sanxia */
};
static const char *const code_key[] = {"code", NULL};

static const struct column projects_cols[] = {
        {"code", "项目编号", CT_TEXT, NULL, true},
        {"name", "项目名称", CT_TEXT, NULL, true},
        {"program", "项目计划", CT_PROGRAM, NULL, true},
        {"category", "类别", CT_CODE, "category", true},
        {"recipient_code", "受援区县", CT_DIVISION, NULL, true},
        {"supporter_code", "支援方", CT_DIVISION, NULL, true},
        {"conference", "签约会议", CT_CONFERENCE, NULL, false},
        {"signed_date", "签约日期", CT_DATE, NULL, true},
        {"investor", "投资方", CT_TEXT, NULL, false},
        {"ownership", "所有制", CT_CODE, "ownership", false},
        {"industry_code", "行业代码", CT_INDUSTRY, NULL, true},
        {"total_investment", "投资总额", CT_AMOUNT, NULL, false},
        {"contract_amount", "合同资金", CT_AMOUNT, NULL, false},
        {"private_amount", "民营资本", CT_AMOUNT, NULL, false},
        {"status", "状态", CT_CODE, "status", true},
        {"status_date", "状态日期", CT_DATE, NULL, true},
        {"jobs", "安置就业", CT_INT, NULL, false},
        {"leader", "负责领导", CT_TEXT, NULL, false},
        {"team", "工作班子", CT_TEXT, NULL, false},
        {"service_mode", "服务方式", CT_CODE, "service_mode", false},
        {"green_channel", "绿色通道", CT_BOOL, NULL, false},
        {"policy_note", "扶持政策", CT_TEXT, NULL, false},
};

static const struct column status_cols[] = {
        {"project_code", "项目编号", CT_PROJECT, NULL, true},
        {"date", "日期", CT_DATE, NULL, true},
        {"status", "状态", CT_CODE, "status", true},
};
static const char *const status_key[] = {"project_code", "date", NULL};

static const struct column funds_cols[] = {
        {"project_code", "项目编号", CT_PROJECT, NULL, true},
        {"date", "到位日期", CT_DATE, NULL, true},
        {"amount", "金额", CT_AMOUNT, NULL, true},
        {"side", "来源方", CT_CODE, "side", true},
        {"source_type", "资金性质", CT_CODE, "source_type", false},
        {"note", "备注", CT_TEXT, NULL, false},
        {"code", "凭证号", CT_TEXT, NULL, false}, /* added: receipt number */
};

static const struct column labour_cols[] = {
        {"code", "批次编号", CT_TEXT, NULL, true},
        {"date", "日期", CT_DATE, NULL, true},
        {"origin_code", "输出区县", CT_DIVISION, NULL, true},
        {"destination_code", "输入地", CT_DIVISION, NULL, false},
        {"employer", "用人单位", CT_TEXT, NULL, false},
        {"mode", "组织形式", CT_CODE, "mode", true},
        {"headcount", "人数", CT_INT, NULL, true},
        {"contract_no", "合同编号", CT_TEXT, NULL, false},
        {"supporter_code", "支援方", CT_DIVISION, NULL, false},
        {"program", "项目计划", CT_PROGRAM, NULL, false}, /* added; default sanxia */
};

static const struct column training_cols[] = {
        {"code", "编号", CT_TEXT, NULL, true},
        {"kind", "类别", CT_CODE, "kind", true},
        {"start_date", "开始日期", CT_DATE, NULL, true},
        {"days", "天数", CT_INT, NULL, true},
        {"origin_code", "区县", CT_DIVISION, NULL, true},
        {"host_code", "培训地", CT_DIVISION, NULL, false},
        {"topic", "内容", CT_TEXT, NULL, false},
        {"headcount", "人数", CT_INT, NULL, true},
        {"supporter_code", "支援方", CT_DIVISION, NULL, false},
        {"program", "项目计划", CT_PROGRAM, NULL, false}, /* added; default sanxia */
};

static const struct column plans_cols[] = {
        {"code", "规划编号", CT_TEXT, NULL, true},
        {"recipient_code", "受援区县", CT_DIVISION, NULL, true},
        {"start_year", "起始年份", CT_YEAR, NULL, true},
        {"end_year", "截止年份", CT_YEAR, NULL, true},
        {"target_projects", "目标项目数", CT_INT, NULL, false},
        {"target_funds", "目标资金", CT_AMOUNT, NULL, false},
        {"target_labour", "目标劳务输出", CT_INT, NULL, false},
        {"target_training", "目标培训", CT_INT, NULL, false},
        {"focus", "重点", CT_CODES, "focus", false},
        {"approved_by", "认可方", CT_DIVISION, NULL, false},
        {"approved_date", "认可日期", CT_DATE, NULL, false},
        {"program", "项目计划", CT_PROGRAM, NULL, false}, /* added; default sanxia */
        /* added: the workflow's state; empty is acknowledged when approved_by
         * is given, else draft (model/plan_flow.h) */
        {"state", "状态", CT_CODE, "plan_state", false},
};

static const struct column visits_cols[] = {
        {"date", "日期", CT_DATE, NULL, true},
        {"direction", "方向", CT_CODE, "direction", true},
        {"supporter_code", "支援方", CT_DIVISION, NULL, true},
        {"recipient_code", "受援方", CT_DIVISION, NULL, false},
        {"leader", "带队领导", CT_TEXT, NULL, false},
        {"rank", "级别", CT_TEXT, NULL, false},
        {"purpose", "事由", CT_TEXT, NULL, false},
        {"program", "项目计划", CT_PROGRAM, NULL, false}, /* added; default sanxia */
};
static const char *const visits_key[] = {"date", "direction", "supporter_code", "recipient_code", NULL};

/* added: a plan's targets by year (sql/006_plan_targets.sql) */
static const struct column plan_targets_cols[] = {
        {"plan_code", "规划编号", CT_PLAN, NULL, true},
        {"year", "年度", CT_YEAR, NULL, true},
        {"target_projects", "目标项目数", CT_INT, NULL, false},
        {"target_funds", "目标资金", CT_AMOUNT, NULL, false},
        {"target_labour", "目标劳务输出", CT_INT, NULL, false},
        {"target_training", "目标培训", CT_INT, NULL, false},
};
static const char *const plan_targets_key[] = {"plan_code", "year", NULL};
/* the tracking service (issue 7): people, project teams, the service log
 * and commitments; all added kinds (README's interchange section) */
static const struct column people_cols[] = {
        {"code", "人员编号", CT_TEXT, NULL, true},
        {"name", "姓名", CT_TEXT, NULL, true},
        {"unit", "单位", CT_TEXT, NULL, false},
        {"title", "职务", CT_TEXT, NULL, false},
        {"phone", "电话", CT_TEXT, NULL, false},
        {"division_code", "所属区县或支援方", CT_DIVISION, NULL, true},
};

static const struct column project_team_cols[] = {
        {"project_code", "项目编号", CT_PROJECT, NULL, true},
        {"person_code", "人员编号", CT_TEXT, NULL, true},
        {"role", "角色", CT_CODE, "team_role", true},
};
static const char *const project_team_key[] = {"project_code", "person_code", NULL};

static const struct column service_log_cols[] = {
        {"code", "记录编号", CT_TEXT, NULL, true},
        {"project_code", "项目编号", CT_PROJECT, NULL, true},
        {"date", "日期", CT_DATE, NULL, true},
        {"who", "服务人员", CT_TEXT, NULL, false},
        {"action", "服务内容", CT_TEXT, NULL, true},
        {"problem", "反映问题", CT_TEXT, NULL, false},
        {"resolution", "解决情况", CT_TEXT, NULL, false},
        {"next_step", "下一步", CT_TEXT, NULL, false},
};

static const struct column commitments_cols[] = {
        {"code", "承诺编号", CT_TEXT, NULL, true},
        {"project_code", "项目编号", CT_PROJECT, NULL, true},
        {"what", "承诺事项", CT_TEXT, NULL, true},
        {"to_whom", "承诺对象", CT_TEXT, NULL, false},
        {"promised_date", "承诺日期", CT_DATE, NULL, true},
        {"due_date", "兑现期限", CT_DATE, NULL, true},
        {"done_date", "兑现日期", CT_DATE, NULL, false},
        {"status", "兑现状态", CT_CODE, "commitment_status", false},
};

/* both sides' books (issue 10): a transfer a supporter's office sent;
 * without a code it is numbered 'T' and its id, like a receipt 'R' */
static const struct column transfers_cols[] = {
        {"project_code", "项目编号", CT_PROJECT, NULL, true},
        {"date", "拨付日期", CT_DATE, NULL, true},
        {"amount", "金额", CT_AMOUNT, NULL, true},
        {"voucher_no", "凭证编号", CT_TEXT, NULL, false},
        {"note", "备注", CT_TEXT, NULL, false},
        {"code", "拨付编号", CT_TEXT, NULL, false},
};

const struct kind kinds[] = {
        {"pairings", "结对关系", "pairings", COLS(pairings_cols), pairings_key,
         "program, supporter_code, recipient_code"},
        {"conferences", "会议", "conferences", COLS(conferences_cols), code_key, "date, code"},
        {"projects", "项目", "projects", COLS(projects_cols), code_key, "code"},
        {"status", "状态历史", "status_history", COLS(status_cols), status_key, "project_code, date"},
        {"funds", "到位资金", "funds", COLS(funds_cols), code_key, "date, project_code, id"},
        {"labour", "劳务输出", "labour", COLS(labour_cols), code_key, "date, code"},
        {"training", "培训", "training", COLS(training_cols), code_key, "start_date, code"},
        {"plans", "规划", "plans", COLS(plans_cols), code_key, "code"},
        {"visits", "考察互访", "visits", COLS(visits_cols), visits_key, "date, id"},
        {"plan_targets", "年度规划目标", "plan_targets", COLS(plan_targets_cols), plan_targets_key,
         "plan_code, year"},
        /* the tracking service (issue 7) */
        {"people", "人员", "people", COLS(people_cols), code_key, "code"},
        {"project_team", "工作班子成员", "project_team", COLS(project_team_cols), project_team_key,
         "project_code, person_code"},
        {"service_log", "服务记录", "service_log", COLS(service_log_cols), code_key, "date, code"},
        {"commitments", "服务承诺", "commitments", COLS(commitments_cols), code_key, "due_date, code"},
        /* both sides' books (issue 10) */
        {"transfers", "支援方拨付", "transfers", COLS(transfers_cols), code_key, "date, project_code, id"},
};
const size_t kinds_count = sizeof kinds / sizeof kinds[0];

const struct kind *kind_find(const char *name)
{
	for (size_t i = 0; i < kinds_count; i++)
		if (strcmp(kinds[i].name, name) == 0 || strcmp(kinds[i].zh, name) == 0)
			return &kinds[i];
	return NULL;
}

const struct column *kind_column(const struct kind *k, const char *header)
{
	for (size_t i = 0; i < k->ncols; i++)
		if (strcmp(k->cols[i].name, header) == 0 ||
		    (k->cols[i].zh && strcmp(k->cols[i].zh, header) == 0))
			return &k->cols[i];
	return NULL;
}

const char *kind_names(void)
{
	return KIND_NAMES;
}
