/* The words of the web pages, Chinese first, in one table (i18n.h). Code
 * labels (statuses, categories) come from model/codes.c, not from here. */
#include "web/i18n.h"
#include <string.h>

struct word {
	const char *key, *zh, *en;
};

static const struct word words[] = {
	{"app.name", "对口支援管理系统", "Counterpart Support"},
	{"app.demo", "演示数据", "demo data"},
	{"app.demo_note", "（演示数据）本系统当前数据库为演示数据，数字不是真实统计。",
	 "(demo data) This database holds demonstration data, not real statistics."},
	{"app.footer", "duikou 对口支援管理系统 · 仅本机访问（尚无登录）",
	 "duikou counterpart-support management · loopback only (no logins yet)"},
	{"nav.dashboard", "概览", "Dashboard"},
	{"nav.projects", "项目", "Projects"},
	{"nav.report_annual", "年度报告", "Annual report"},
	{"nav.year", "年度", "Year"},
	{"nav.go", "查看", "Show"},
	{"nav.lang_other", "English", "中文"},
	{"error.not_found", "页面不存在", "Page not found"},
	{"error.method", "不支持此请求方法", "Method not allowed"},
	{"error.bad_request", "请求有误", "Bad request"},
	{"error.server", "服务器出错", "Server error"},
	{"error.too_large", "请求过大", "Request too large"},
	{"dash.title", "年度概览", "Year at a glance"},
	{"dash.projects", "在建及新建项目", "Projects under way"},
	{"dash.projects_sub", "新签%s个，续建%s个", "%s new, %s continuing"},
	{"dash.funds", "到位资金", "Funds in place"},
	{"dash.growth", "比上年%s", "%s on the year before"},
	{"dash.welfare", "社会公益类资金", "Public-welfare funds"},
	{"dash.labour", "劳务输出", "Labour exported"},
	{"dash.wealth_leaders", "培训致富带头人", "Wealth leaders trained"},
	{"dash.cadres", "培训干部", "Cadres trained"},
	{"dash.signed", "会议签约项目", "Projects signed at conferences"},
	{"dash.contract", "签约合同资金", "Contract amount signed"},
	{"dash.jobs", "安置就业", "Jobs created"},
	{"dash.visits", "考察互访", "Visits"},
	{"dash.plans", "区县规划", "County plans"},
	{"dash.chart_years", "历年到位资金", "Funds in place by year"},
	{"dash.chart_county", "到位资金（按区县）", "Funds in place by county"},
	{"dash.chart_supporter", "到位资金（按支援方）", "Funds in place by supporter"},
	{"dash.chart_status", "会议签约项目进展", "Signed projects by status"},
	{"dash.chart_plan", "规划执行（资金：规划与实际）", "Plan progress (funds: target and actual)"},
	{"dash.chart_plan_none", "本年度没有区县规划", "No county plans cover this year"},
	{"dash.target", "规划", "target"},
	{"dash.actual", "实际", "actual"},
	{"dash.wan_yuan", "万元", "10k yuan"},
	{"dash.people", "人", "people"},
	{"dash.items", "个", ""},
	{"dash.program", "项目计划", "Program"},
	{"proj.title", "项目", "Projects"},
	{"proj.county", "受援区县", "County"},
	{"proj.supporter", "支援方", "Supporter"},
	{"proj.status", "状态", "Status"},
	{"proj.category", "类别", "Category"},
	{"proj.year", "签约年度", "Year signed"},
	{"proj.conference", "签约会议", "Conference"},
	{"proj.tier", "产业", "Industry tier"},
	{"proj.tier1", "第一产业", "primary"},
	{"proj.tier2", "第二产业", "secondary"},
	{"proj.tier3", "第三产业", "tertiary"},
	{"proj.all", "全部", "all"},
	{"proj.filter", "筛选", "Filter"},
	{"proj.clear", "清除", "Clear"},
	{"proj.code", "编号", "Code"},
	{"proj.name", "项目名称", "Name"},
	{"proj.signed", "签约日期", "Signed"},
	{"proj.total_investment", "投资总额", "Total investment"},
	{"proj.contract", "合同资金", "Contract"},
	{"proj.funds", "到位资金", "Funds in place"},
	{"proj.count", "项目数", "Projects"},
	{"proj.totals", "筛选结果合计", "Totals of the filtered projects"},
	{"proj.csv", "下载 CSV（筛选结果）", "Download CSV (filtered rows)"},
	{"proj.page", "第 %lld / %lld 页", "page %lld of %lld"},
	{"proj.prev", "上一页", "previous"},
	{"proj.next", "下一页", "next"},
	{"proj.none", "没有符合条件的项目", "No project matches"},
	{"report.title", "年度报告", "Annual report"},
	{"report.print", "打印", "Print"},
	{"report.json", "JSON", "JSON"},
	/* wt-lists: list pages, matrix, signed and plan report pages */
	{"nav.lists", "列表", "Lists"},
	{"nav.reports", "报告", "Reports"},
	{"nav.report_signed", "签约项目进展", "Signed projects"},
	{"nav.report_plan", "规划执行", "Plan progress"},
	{"kind.projects", "项目", "Projects"},
	{"kind.funds", "到位资金", "Funds in place"},
	{"kind.labour", "劳务输出", "Labour export"},
	{"kind.training", "培训", "Training"},
	{"kind.plans", "区县规划", "County plans"},
	{"kind.visits", "考察互访", "Visits"},
	{"kind.pairings", "结对关系", "Pairings"},
	{"kind.conferences", "招商会议", "Conferences"},
	{"kind.status", "项目状态历史", "Project status history"},
	{"lists.projects", "项目", "Projects"},
	{"lists.funds", "资金", "Funds"},
	{"lists.labour", "劳务", "Labour"},
	{"lists.training", "培训", "Training"},
	{"lists.plans", "规划", "Plans"},
	{"lists.visits", "互访", "Visits"},
	{"lists.pairings", "结对", "Pairings"},
	{"lists.conferences", "会议", "Conferences"},
	{"lists.status", "状态", "Status"},
	{"lists.matrix", "结对矩阵", "Pairing matrix"},
	{"list.count", "记录数", "Records"},
	{"list.totals", "筛选结果合计", "Totals of the filtered records"},
	{"list.none", "没有符合条件的记录", "No record matches"},
	{"list.edit", "修改", "edit"},
	{"list.new", "新增", "New"},
	{"list.yes", "是", "yes"},
	{"list.no", "否", "no"},
	{"matrix.title", "结对关系矩阵", "Pairing matrix"},
	{"matrix.note", "行为支援方，列为受援区县；格中为结对年份。", "Rows are supporters, columns recipient counties; a cell gives the year the pairing began."},
	{"matrix.supporter", "支援方", "Supporter"},
	{"matrix.count", "结对数", "Pairings"},
	{"matrix.total", "合计", "Total"},
	{"matrix.none", "此项目计划没有结对关系", "No pairings in this program"},
	{"signed.title", "会议签约项目进展", "Progress of projects signed at conferences"},
	{"plan.title", "规划执行情况", "Plan progress"},
	{"plan.period", "规划期", "Period"},
	{"plan.progress", "各区县完成进度", "Progress by county"},
	{"plan.elapsed", "规划期已过 %s", "%s of the period elapsed"},
	{"plan.projects", "项目", "Projects"},
	{"plan.funds", "资金", "Funds"},
	{"plan.labour", "劳务输出", "Labour"},
	{"plan.training", "培训", "Training"},
	{"plan.total", "合计", "Total"},
	{"plan.none", "此规划期没有区县规划", "No county plans for this period"},
	{"plan.no_target", "无目标", "no target"},
	/* end of wt-lists */
};

static const struct word *find(const char *key)
{
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i].key, key) == 0)
			return &words[i];
	return NULL;
}

const char *web_t(enum lang lang, const char *key)
{
	const struct word *w = find(key);
	if (!w)
		return key;
	return lang == LANG_EN ? w->en : w->zh;
}

int web_t_known(const char *key)
{
	return find(key) != NULL;
}
