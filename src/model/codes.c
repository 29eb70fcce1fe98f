/* Code lists and their labels, as interchange.md fixes them. */
#include "model/codes.h"
#include <string.h>

#define LIST(name, arr)                                                                                      \
	{                                                                                                    \
		name, arr, sizeof arr / sizeof arr[0]                                                        \
	}

static const struct code_item category[] = {
        {"economic", "经贸合作", "economic cooperation"},
        {"public_welfare", "社会公益（无偿援建）", "public welfare (free aid)"},
};
static const struct code_item status[] = {
        {"negotiating", "继续洽谈", "negotiating"},
        {"preparing", "前期工作", "preparatory work"},
        {"constructing", "开工建设", "under construction"},
        {"operating", "竣工投产", "in operation"},
        {"stopped", "终止", "stopped"},
};
static const struct code_item ownership[] = {
        {"private", "民营", "private"},       {"state", "国有", "state-owned"},
        {"foreign", "外资", "foreign"},       {"collective", "集体", "collective"},
        {"government", "政府", "government"},
};
static const struct code_item side[] = {
        {"supporter", "支援方", "supporter"},
        {"recipient", "受援方", "recipient"},
};
static const struct code_item source_type[] = {
        {"government", "财政", "government budget"}, {"enterprise", "企业", "enterprise"},
        {"bank_loan", "银行贷款", "bank loan"},      {"donation", "捐赠", "donation"},
        {"in_kind", "物资折款", "in kind"},          {"other", "其他", "other"},
};
static const struct code_item mode[] = {
        {"gov_contract", "政府间劳务合同", "inter-government labour contract"},
        {"labour_company", "合办劳务公司", "jointly founded labour-service company"},
        {"recruitment_fair", "现场招工会", "on-site recruitment fair"},
        {"joint_school", "合办培训学校", "jointly founded training school"},
        {"school_contract", "委托培训学校", "contracted training school"},
};
static const struct code_item training_kind[] = {
        {"wealth_leader", "致富带头人", "wealth leader"},
        {"cadre_secondment", "干部挂职", "cadre secondment"},
        {"cadre_training", "干部培训", "cadre training"},
        {"skills", "技能培训", "skills training"},
};
static const struct code_item service_mode[] = {
        {"agency", "代理制", "agency"},
        {"listing", "挂牌制", "listing"},
        {"commitment", "服务承诺制", "service commitment"},
};
static const struct code_item focus[] = {
        {"economic", "经贸合作", "economic and trade cooperation"},
        {"infrastructure", "基础设施", "infrastructure"},
        {"labour", "劳务经济", "labour economy"},
        {"talent", "人才战略", "talent strategy"},
        {"social", "社会事业", "social development"},
};
static const struct code_item direction[] = {
        {"to_recipient", "支援方赴受援地", "supporter to recipient"},
        {"to_supporter", "受援方赴支援方", "recipient to supporter"},
};

/* the plan workflow's states (model/plan_flow.h) */
static const struct code_item plan_state[] = {
        {"draft", "草稿", "draft"},
        {"submitted", "已提交", "submitted"},
        {"acknowledged", "已认可", "acknowledged"},
        {"approved", "已批准", "approved"},
        {"returned", "已退回", "returned"},
};

/* the tracking service (issue 7): a project team member's role, a
 * commitment's status ("" in a record: derived from its done_date) */
static const struct code_item team_role[] = {
        {"leader", "负责领导", "leader"},
        {"member", "班子成员", "team member"},
};
static const struct code_item commitment_status[] = {
        {"open", "未兑现", "open"},
        {"done", "已兑现", "done"},
        {"cancelled", "已取消", "cancelled"},
};

static const struct code_list lists[] = {
        LIST("category", category),
        LIST("status", status),
        LIST("ownership", ownership),
        LIST("side", side),
        LIST("source_type", source_type),
        LIST("mode", mode),
        LIST("kind", training_kind),
        LIST("service_mode", service_mode),
        LIST("focus", focus),
        LIST("direction", direction),
        LIST("plan_state", plan_state),
        LIST("team_role", team_role),
        LIST("commitment_status", commitment_status),
};

const struct code_list *codes_list(const char *name)
{
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
		if (strcmp(lists[i].name, name) == 0)
			return &lists[i];
	return NULL;
}

const struct code_item *codes_find(const struct code_list *list, const char *code)
{
	if (!list || !code)
		return NULL;
	for (size_t i = 0; i < list->n; i++)
		if (strcmp(list->items[i].code, code) == 0 || strcmp(list->items[i].zh, code) == 0)
			return &list->items[i];
	return NULL;
}

const char *codes_label(const char *list, const char *code, enum lang lang)
{
	const struct code_item *it = codes_find(codes_list(list), code);
	if (!it)
		return code;
	return lang == LANG_EN ? it->en : it->zh;
}

int codes_index(const char *list, const char *code)
{
	const struct code_list *l = codes_list(list);
	const struct code_item *it = codes_find(l, code);
	return it ? (int)(it - l->items) : -1;
}

void codes_describe(const struct code_list *list, buf *out)
{
	for (size_t i = 0; i < list->n; i++) {
		if (i)
			buf_puts(out, ", ");
		buf_puts(out, list->items[i].code);
	}
}
