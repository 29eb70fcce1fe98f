/* The tables of plausible names: product lines by industry, and builders
 * that put parts together into investors, employers, leaders and teams.
 * Every name is assembled from generic parts (place + made-up trade name +
 * trade), so none is a real company's or a real person's full name. */
#include "demo/world.h"
#include <string.h>

const struct industry_line demo_lines[] = {
        {"01", "柑橘标准化种植基地", "农业开发", false},   /* 0 */
        {"01", "优质蔬菜基地", "农业开发", false},         /* 1 */
        {"01", "中药材种植基地", "药业", false},           /* 2 */
        {"01", "生态茶园", "茶业", false},                 /* 3 */
        {"01", "花卉苗木基地", "园艺", false},             /* 4 */
        {"02", "速生丰产林基地", "林业", false},           /* 5 */
        {"02", "笋竹两用林基地", "林业", false},           /* 6 */
        {"13", "柑橘精深加工项目", "食品", false},         /* 7 */
        {"13", "榨菜产业化基地", "食品", false},           /* 8 */
        {"13", "生猪屠宰及肉制品加工项目", "食品", false}, /* 9 */
        {"13", "饲料加工项目", "饲料", false},             /* 10 */
        {"17", "丝绸纺织项目", "丝绸", false},             /* 11 */
        {"17", "棉纺生产线项目", "纺织", false},           /* 12 */
        {"17", "苎麻纺织项目", "纺织", false},             /* 13 */
        {"15", "白酒酿造技改项目", "酒业", false},         /* 14 */
        {"26", "天然气化工项目", "化工", false},           /* 15 */
        {"27", "中药饮片生产项目", "药业", false},         /* 16 */
        {"30", "新型建材项目", "建材", false},             /* 17 */
        {"36", "汽车零部件项目", "汽车配件", false},       /* 18 */
        {"38", "电线电缆项目", "电缆", false},             /* 19 */
        {"39", "电子元器件项目", "电子", false},           /* 20 */
        {"4413", "水电站项目", "水电开发", true},          /* 21 */
        {"47", "移民安置小区建设项目", "建设", false},     /* 22 */
        {"48", "工业园区基础设施项目", "建设", true},      /* 23 */
        {"50", "建筑装饰材料项目", "装饰", false},         /* 24 */
        {"54", "长途客运站项目", "运输", false},           /* 25 */
        {"54", "物流配送中心项目", "物流", false},         /* 26 */
        {"66", "城市信用社增资扩股项目", "投资", true},    /* 27 */
        {"68", "保险服务网点项目", "保险代理", true},      /* 28 */
        {"72", "商务会展中心项目", "会展", false},         /* 29 */
        {"7291", "旅行社合作项目", "旅游", false},         /* 30 */
        {"7262", "劳务合作中心项目", "劳务服务", false},   /* 31 */
        {"7263", "劳务派遣合作项目", "人力资源", false},   /* 32 */
        {"61", "旅游度假酒店项目", "酒店管理", false},     /* 33 */
        {"04", "水产养殖基地", "水产", false},             /* 34 */
        {"03", "肉牛养殖基地", "畜牧", false},             /* 35 */
};
const int demo_line_count = (int)(sizeof demo_lines / sizeof demo_lines[0]);

const struct industry_line demo_welfare_lines[] = {
        {"8321", "希望小学", "", true},     {"8331", "移民中学教学楼", "", true},
        {"8423", "乡镇卫生院", "", true},   {"4610", "移民安置点人饮工程", "", true},
        {"4812", "移民新村道路", "", true},
};
const int demo_welfare_line_count = (int)(sizeof demo_welfare_lines / sizeof demo_welfare_lines[0]);

static const char *const surnames[] = {
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
        "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
        "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶",
        "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "谭", "向", "冉", "秦",
};

#define PICK(r, a) (a[rng_between((r), 0, (int64_t)(sizeof(a) / sizeof(a[0])) - 1)])

void name_official(struct rng *r, buf *out, const char *title)
{
	buf_reset(out);
	buf_printf(out, "%s %s某", title, PICK(r, surnames));
}

/* 万州区, 丰都县, 忠县: the county as people write it. */
static void county_label(buf *out, const struct county *c)
{
	size_t n = strlen(c->short_name);
	buf_puts(out, c->short_name);
	if (n < 3 || strcmp(c->short_name + n - 3, "县") != 0)
		buf_puts(out, c->district ? "区" : "县");
}

void name_leader(struct rng *r, buf *out, const struct county *c)
{
	static const char *const district_titles[] = {"区委副书记", "常务副区长", "副区长", "区委常委"};
	static const char *const county_titles[] = {"县委副书记", "常务副县长", "副县长", "县委常委"};
	name_official(r, out, c->district ? PICK(r, district_titles) : PICK(r, county_titles));
}

void name_team(struct rng *r, buf *out, const struct county *c)
{
	static const char *const offices[] = {"招商局", "经委",   "发改委",         "国土房管局", "建委",
	                                      "农业局", "工商局", "劳动社会保障局", "移民局"};
	int a = (int)rng_between(r, 0, 8);
	int b = (a + (int)rng_between(r, 1, 8)) % 9;
	const char *unit = c->district ? "区" : "县";
	buf_reset(out);
	county_label(out, c);
	buf_printf(out, "对口办、%s%s、%s%s、项目所在乡镇", unit, offices[a], unit, offices[b]);
}

const char *name_policy(struct rng *r)
{
	static const char *const notes[] = {
	        "一厂一策：土地出让金分期缴纳",         "一厂一策：前三年地方留成税收全额返还",
	        "特事特办：审批手续集中办理，限时办结", "特事特办：水电气接入优先保障",
	        "一厂一策：标准厂房先租后售",           "",
	};
	return PICK(r, notes);
}

void name_investor(struct rng *r, buf *out, const char *ownership, const struct supporter *s,
                   const char *trade)
{
	const char *brand = s->brand[rng_between(r, 0, 1)];
	buf_reset(out);
	if (strcmp(ownership, "government") == 0)
		buf_printf(out, "%s对口支援办公室", s->name);
	else if (strcmp(ownership, "state") == 0)
		buf_printf(out, "%s%s%s集团有限公司", s->short_name, brand, trade);
	else if (strcmp(ownership, "foreign") == 0)
		buf_printf(out, "%s%s%s（香港）有限公司", s->short_name, brand, trade);
	else if (strcmp(ownership, "collective") == 0)
		buf_printf(out, "%s%s农工商联合公司", s->short_name, brand);
	else
		buf_printf(out, "%s%s%s%s有限公司", s->short_name, brand, trade,
		           rng_between(r, 0, 3) == 0 ? "实业" : "");
}

void name_employer(struct rng *r, buf *out, const struct supporter *s)
{
	static const char *const trades[] = {"电子",     "制衣",     "鞋业", "电器",    "玩具",
	                                     "建筑工程", "物业管理", "针织", "五金制品"};
	buf_reset(out);
	buf_printf(out, "%s%s%s有限公司", s->short_name, s->brand[rng_between(r, 0, 1)], PICK(r, trades));
}
