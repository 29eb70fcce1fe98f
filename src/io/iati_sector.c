/* The one mapping of GB/T 4754-2017 industry codes to OECD DAC 5-digit
 * purpose codes (IATI sector vocabulary 1), used by the IATI export.
 *
 * Source: GB/T 4754-2017 《国民经济行业分类》 (sections A–T, divisions 01–97)
 * and the OECD DAC CRS purpose codes as published in the IATI Sector
 * codelist (2.03). There is no official concordance between the two; the
 * choice here is ours. The reasoning, where it is not obvious:
 * - a division maps to the DAC code of the activity it produces, not of the
 *   policy around it: food, drink and tobacco are agro-industries (32161),
 *   textiles, clothing and leather 32163, wood, furniture and paper forest
 *   industries (32162), machinery and electronics engineering (32171);
 * - a division with no DAC code of its own takes its section's (C: 32120
 *   industrial development; F and L: 25010 business support; O: 32130
 *   SME development, residents' services being small businesses);
 * - power (44) is transmission and distribution (23630), the reservoir
 *   area's supported power projects being grids more than plants; gas (45)
 *   retail gas distribution (23640); water (46) large water supply systems
 *   (14020);
 * - public welfare projects (schools 83, clinics 84) map to the facilities
 *   codes (11120, 12230), which is what counterpart support builds;
 * - anything unknown is 99810 "sectors not specified".
 * Only the first two characters of a longer code (a group or class) count. */
#include "io/iati.h"
#include <string.h>

static const struct {
	const char *gbt; /* a section letter or a 2-digit division */
	const char *dac;
} sector_map[] = {
        /* A 农、林、牧、渔业 */
        {"A", "31120"},
        {"01", "31120"}, /* agriculture: agricultural development */
        {"02", "31220"}, /* forestry development */
        {"03", "31163"}, /* livestock */
        {"04", "31320"}, /* fishery development */
        {"05", "31191"}, /* agricultural services */
        /* B 采矿业 */
        {"B", "32220"},
        {"06", "32261"}, /* coal */
        {"07", "32262"}, /* oil and gas */
        {"08", "32263"}, /* ferrous metals */
        {"09", "32264"}, /* nonferrous metals */
        {"10", "32266"}, /* industrial minerals */
        {"11", "32220"}, /* mining services: prospection and exploration */
        {"12", "32220"},
        /* C 制造业 */
        {"C", "32120"},
        {"13", "32161"},
        {"14", "32161"},
        {"15", "32161"},
        {"16", "32161"},
        {"17", "32163"},
        {"18", "32163"},
        {"19", "32163"},
        {"20", "32162"},
        {"21", "32162"},
        {"22", "32162"},
        {"23", "32120"},
        {"24", "32120"},
        {"25", "32167"}, /* oil refining, coking: energy manufacturing */
        {"26", "32164"},
        {"28", "32164"},
        {"29", "32164"}, /* chemicals */
        {"27", "32168"}, /* pharmaceutical production */
        {"30", "32166"}, /* cement, lime, glass, ceramics */
        {"31", "32169"}, /* basic metal industries */
        {"32", "32170"}, /* non-ferrous metal industries */
        {"33", "32171"},
        {"34", "32171"},
        {"35", "32171"},
        {"38", "32171"},
        {"39", "32171"},
        {"40", "32171"},
        {"43", "32171"},
        {"36", "32172"},
        {"37", "32172"}, /* transport equipment */
        {"41", "32120"},
        {"42", "32120"},
        /* D 电力、热力、燃气及水生产和供应业 */
        {"D", "23630"},
        {"44", "23630"},
        {"45", "23640"},
        {"46", "14020"},
        /* E 建筑业 */
        {"E", "32310"},
        {"47", "32310"},
        {"48", "32310"},
        {"49", "32310"},
        {"50", "32310"},
        /* F 批发和零售业 */
        {"F", "25010"},
        {"51", "25010"},
        {"52", "25010"},
        /* G 交通运输、仓储和邮政业 */
        {"G", "21010"},
        {"53", "21030"}, /* rail */
        {"54", "21020"}, /* road */
        {"55", "21040"}, /* water */
        {"56", "21050"}, /* air */
        {"57", "21010"},
        {"58", "21010"},
        {"59", "21010"},
        {"60", "22010"}, /* postal services: communications */
        /* H 住宿和餐饮业 */
        {"H", "33210"},
        {"61", "33210"},
        {"62", "33210"}, /* tourism */
        /* I 信息传输、软件和信息技术服务业 */
        {"I", "22040"},
        {"63", "22020"}, /* telecommunications */
        {"64", "22040"},
        {"65", "22040"}, /* ICT */
        /* J 金融业 */
        {"J", "24010"},
        {"66", "24030"},
        {"67", "24030"},
        {"68", "24030"},
        {"69", "24010"},
        /* K 房地产业 */
        {"K", "16030"},
        {"70", "16030"}, /* housing policy and administrative management */
        /* L 租赁和商务服务业 */
        {"L", "25010"},
        {"71", "25010"},
        {"72", "25010"},
        /* M 科学研究和技术服务业 */
        {"M", "43082"},
        {"73", "43082"}, /* research/scientific institutions */
        {"74", "25010"},
        {"75", "32182"}, /* technological R&D */
        /* N 水利、环境和公共设施管理业 */
        {"N", "41010"},
        {"76", "14015"}, /* water resources conservation */
        {"77", "41010"}, /* environmental policy and administrative management */
        {"78", "43030"},
        {"79", "43030"}, /* urban development and management */
        /* O 居民服务、修理和其他服务业 */
        {"O", "32130"},
        {"80", "32130"},
        {"81", "32130"},
        {"82", "32130"},
        /* P 教育 */
        {"P", "11120"},
        {"83", "11120"}, /* education facilities and training */
        /* Q 卫生和社会工作 */
        {"Q", "12230"},
        {"84", "12230"}, /* basic health infrastructure */
        {"85", "16010"}, /* social protection */
        /* R 文化、体育和娱乐业 */
        {"R", "16061"},
        {"86", "16061"},
        {"87", "16061"},
        {"88", "16061"},
        {"89", "16061"},
        {"90", "16061"},
        /* S 公共管理、社会保障和社会组织 */
        {"S", "15110"},
        {"91", "15110"},
        {"92", "15110"},
        {"93", "15110"},
        {"95", "15110"},
        {"96", "15110"},
        {"94", "16010"},
        /* T 国际组织 */
        {"T", "99810"},
        {"97", "99810"},
};

#define DAC_UNSPECIFIED "99810"

const char *iati_dac_sector(const char *industry_code)
{
	char key[3] = {0};
	if (!industry_code || !industry_code[0])
		return DAC_UNSPECIFIED;
	if (industry_code[0] >= 'A' && industry_code[0] <= 'Z') {
		key[0] = industry_code[0];
	} else if (industry_code[1]) {
		key[0] = industry_code[0];
		key[1] = industry_code[1];
	} else {
		return DAC_UNSPECIFIED;
	}
	for (size_t i = 0; i < sizeof sector_map / sizeof sector_map[0]; i++)
		if (strcmp(sector_map[i].gbt, key) == 0)
			return sector_map[i].dac;
	return DAC_UNSPECIFIED;
}
