/* Who supports whom in the demo world. The supporters and pairings are those
 * the reference data attests (data/pairings.csv), except the five seed
 * counties it gives no supporter, which the demo pairs itself (DEMO_PAIRINGS
 * below, marked as demo data in docs/demo.md). */
#include "demo/world.h"
#include <string.h>

const struct supporter demo_supporters[] = {
        {"310000", "上海市", "上海", {"申江", "浦联"}, true},
        {"330000", "浙江省", "浙江", {"之舟", "越丰"}, true},
        {"350000", "福建省", "福建", {"闽兴", "榕达"}, true},
        {"370000", "山东省", "山东", {"鲁源", "齐丰"}, true},
        {"210000", "辽宁省", "辽宁", {"辽联", "北丰"}, true},
        {"130000", "河北省", "河北", {"冀丰", "燕联"}, true},
        {"530000", "云南省", "云南", {"滇源", "云丰"}, true},
        {"440300", "深圳市", "深圳", {"鹏兴", "南融"}, false},
        {"320100", "南京市", "南京", {"宁联", "石城"}, false},
        {"350200", "厦门市", "厦门", {"鹭江", "嘉联"}, false},
        {"120000", "天津市", "天津", {"津联", "沽丰"}, true},
        {"330200", "宁波市", "宁波", {"甬联", "四明"}, false},
        {"360000", "江西省", "江西", {"赣丰", "洪联"}, true},
        {"510000", "四川省", "四川", {"蜀联", "川丰"}, true},
        {"220000", "吉林省", "吉林", {"吉联", "松丰"}, true},
        {"440000", "广东省", "广东", {"粤联", "岭丰"}, true},
        {"210100", "沈阳市", "沈阳", {"盛联", "沈丰"}, false},
        {"440100", "广州市", "广州", {"穗联", "羊丰"}, false},
        {"440400", "珠海市", "珠海", {"珠联", "香丰"}, false},
};
const int demo_supporter_count = (int)(sizeof demo_supporters / sizeof demo_supporters[0]);

/* The recipients: the seed's ten counties and the other reservoir counties
 * that have a supporter. 江津 (500116) has none attested and the seed does
 * not name it, so it gets a plan but no projects. */
const struct county demo_counties[] = {
        {"500101", "万州", true, {"310000", "120000", "320100", "350200", "350000", "330200"}},
        {"500102", "涪陵", true, {"330000"}},
        {"500115", "长寿", true, {"120000"}},
        {"500112", "渝北", true, {"350000"}},
        {"500113", "巴南", true, {"350200"}},
        {"500230", "丰都", false, {"130000"}},
        {"500240", "石柱", false, {"530000"}},
        {"500236", "奉节", false, {"210000"}},
        {"500233", "忠县", false, {"370000", "210100"}},
        {"500235", "云阳", false, {"320100"}},
        {"500156", "武隆", true, {"530000", "360000"}},
        {"500154", "开州", true, {"510000"}},
        {"500237", "巫山", false, {"440000", "440300", "440100", "440400"}},
        {"500238", "巫溪", false, {"220000"}},
        {"500116", "江津", true, {NULL}},
};
const int demo_county_count = (int)(sizeof demo_counties / sizeof demo_counties[0]);

/* The demo's own pairings: seed counties without an attested supporter,
 * each given one of the seed's supporters. since_year is the first year of
 * the demo world's records, not a historical claim. */
static const char *const demo_pairings[][2] = {
        {"120000", "500115"}, /* 天津 — 长寿 */
        {"350000", "500112"}, /* 福建 — 渝北 */
        {"350200", "500113"}, /* 厦门 — 巴南 */
        {"320100", "500235"}, /* 南京 — 云阳 */
        {"530000", "500240"}, /* 云南 — 石柱 */
};

const struct supporter *demo_supporter(const char *code)
{
	for (int i = 0; i < demo_supporter_count; i++)
		if (strcmp(demo_supporters[i].code, code) == 0)
			return &demo_supporters[i];
	return NULL;
}

const struct county *demo_county(const char *code)
{
	for (int i = 0; i < demo_county_count; i++)
		if (strcmp(demo_counties[i].code, code) == 0)
			return &demo_counties[i];
	return NULL;
}

int county_supporter_count(const struct county *c)
{
	int n = 0;
	while (n < 8 && c->supporters[n])
		n++;
	return n;
}

int world_pairings(db *d, err *e)
{
	for (size_t i = 0; i < sizeof demo_pairings / sizeof demo_pairings[0]; i++)
		if (db_run(d, e,
		           "INSERT INTO pairings(program, supporter_code, recipient_code, since_year)"
		           " VALUES ('sanxia', $1, $2, 2002)"
		           " ON CONFLICT (program, supporter_code, recipient_code) DO NOTHING",
		           "tt", demo_pairings[i][0], demo_pairings[i][1]))
			return err_add(e, EXIT_SYSTEM, "demo: adding the pairing %s-%s", demo_pairings[i][0],
			               demo_pairings[i][1]);
	/* every pairing the demo writes records for must be in the table: the
	 * reference data may change under it */
	for (int i = 0; i < demo_county_count; i++)
		for (int j = 0; j < county_supporter_count(&demo_counties[i]); j++) {
			int64_t n;
			if (db_int(d, &n, e,
			           "SELECT COUNT(*) FROM pairings WHERE program = 'sanxia'"
			           " AND supporter_code = $1 AND recipient_code = $2",
			           "tt", demo_counties[i].supporters[j], demo_counties[i].code))
				return -1;
			if (n == 0)
				return err_add(
				        e, EXIT_SYSTEM,
				        "demo: the reference data lacks the pairing %s-%s that the demo uses",
				        demo_counties[i].supporters[j], demo_counties[i].code);
		}
	return 0;
}
