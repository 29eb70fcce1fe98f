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
	/* records (wt-forms): forms, project page, upload, data quality */
	{"nav.upload", "上传", "Upload"},
	{"nav.check", "数据质量", "Data quality"},
	{"rec.new", "新建", "New"},
	{"rec.edit", "修改", "Edit"},
	{"rec.delete", "删除", "Delete"},
	{"rec.save", "保存", "Save"},
	{"rec.back", "返回", "Back"},
	{"rec.missing", "没有这条记录", "No such record"},
	{"rec.problems", "未保存，请修改以下问题：", "Not saved; please correct:"},
	{"rec.confirm", "确定删除这条记录吗？此操作不能撤销。", "Delete this record? This cannot be undone."},
	{"rec.confirm_project", "确定删除这个项目吗？它的状态历史和全部到位资金记录将一并删除，此操作不能撤销。",
	 "Delete this project? Its status history and all its fund receipts are deleted with it;"
	 " this cannot be undone."},
	{"rec.yes", "是", "yes"},
	{"rec.no", "否", "no"},
	{"rec.service", "跟踪服务", "Tracking service"},
	{"rec.history", "状态历史", "Status history"},
	{"rec.receipts", "到位资金", "Fund receipts"},
	{"rec.add_receipt", "登记到位资金", "Record a fund receipt"},
	{"rec.date", "日期", "Date"},
	{"rec.amount", "金额", "Amount"},
	{"rec.side", "来源方", "Side"},
	{"rec.source_type", "资金性质", "Source type"},
	{"rec.note", "备注", "Note"},
	{"rec.receipt", "凭证号", "Receipt"},
	{"rec.total", "合计", "Total"},
	{"up.title", "上传数据", "Upload data"},
	{"up.intro", "选择数据类别和 CSV 文件（列名与导出文件相同）。先预览检查，确认后才导入；有任何错误则不导入。",
	 "Choose a kind and a CSV file (the columns of an export). It is checked first and imported only"
	 " when you confirm; with any error nothing is imported."},
	{"up.kind", "数据类别", "Kind"},
	{"up.file", "CSV 文件", "CSV file"},
	{"up.preview", "预览检查", "Check and preview"},
	{"up.rows", "数据行", "rows"},
	{"up.refused", "有错误，未导入", "Errors found; nothing imported"},
	{"up.where", "文件:行:列", "FILE:ROW:COLUMN"},
	{"up.problem", "问题", "Problem"},
	{"up.clean", "检查通过，尚未导入", "No errors; not imported yet"},
	{"up.import", "确认导入", "Import"},
	{"up.done", "已导入", "Imported"},
	{"up.added", "新增", "added"},
	{"up.updated", "更新", "updated"},
	{"up.unchanged", "未变", "unchanged"},
	{"up.another", "继续上传", "Upload another"},
	{"check.title", "数据质量", "Data quality"},
	{"check.clean", "所有校验规则均已满足。", "Every validation rule holds."},
	{"check.count", "违反校验规则", "Rule violations"},
	{"check.kind", "类别", "Kind"},
	{"check.record", "记录", "Record"},
	{"check.column", "列", "Column"},
	{"check.message", "问题", "Problem"},
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
