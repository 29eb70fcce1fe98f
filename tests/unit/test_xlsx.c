/* The XLSX reader against workbooks made here: by libxlsxwriter (shared and
 * rich strings, 1900 dates, booleans, formulas, sparse cells) and by hand
 * with libzip (inline strings, the 1904 system, error cells, custom date
 * formats, Excel's 1900-02-29), and against files that must be refused:
 * not a zip, not a workbook, zip bombs, sheets past the limits. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "io/csv.h"
#include "io/xlsx_read.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

/* Rows as "ROW:f1|f2|…" lines. */
static int collect(void *ctx, const struct csv_row *r, err *e)
{
	buf *out = ctx;
	(void)e;
	buf_printf(out, "%ld:", r->row);
	for (size_t i = 0; i < r->n; i++)
		buf_printf(out, "%s%s", i ? "|" : "", r->fields[i]);
	buf_putc(out, '\n');
	return 0;
}

static void temp_path(char *path, size_t n)
{
	snprintf(path, n, "/tmp/duikou-xlsx-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
}

/* Reads the file PATH, opens it as a workbook and reads sheet 0 into ROWS.
 * Returns what xlsx_open or xlsx_read_sheet returned; messages in E. */
static int read_book(const char *path, const struct xlsx_limits *lim, buf *rows, err *e)
{
	buf data = BUF_INIT;
	assert_int_equal(file_read_all(path, &data, e), 0);
	xlsx *x;
	int rc = xlsx_open(data.s, data.len, "t.xlsx", lim, &x, e);
	if (rc == 0) {
		rc = xlsx_read_sheet(x, 0, collect, rows, e);
		xlsx_close(x);
	}
	buf_free(&data);
	return rc;
}

/* A zip of the parts NAMES[i] = TEXTS[i] (NULL-terminated). */
static void write_zip(const char *path, const char *const *names, const char *const *texts)
{
	int zerr;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(z);
	for (size_t i = 0; names[i]; i++) {
		zip_source_t *s = zip_source_buffer(z, texts[i], strlen(texts[i]), 0);
		assert_non_null(s);
		assert_true(zip_file_add(z, names[i], s, ZIP_FL_OVERWRITE) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
}

#define NS   "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define RNS  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define RELS "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\""
#define TYPE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* A one-sheet workbook by hand: WORKBOOK_PR goes in <workbookPr>, SHEET is
 * the <sheetData> content, STYLES the whole styles.xml or NULL. */
static void hand_book(const char *path, const char *workbook_pr, const char *styles, const char *sheet)
{
	buf wb = BUF_INIT, ws = BUF_INIT, rels = BUF_INIT;
	buf_printf(&wb,
	           "<?xml version=\"1.0\"?><workbook " NS " " RNS "><workbookPr %s/><sheets>"
	           "<sheet name=\"资金\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
	           workbook_pr);
	buf_printf(&ws, "<?xml version=\"1.0\"?><worksheet " NS "><sheetData>%s</sheetData></worksheet>",
	           sheet);
	buf_printf(&rels,
	           "<?xml version=\"1.0\"?><Relationships " RELS "><Relationship Id=\"rId1\" Type=\"" TYPE
	           "worksheet\" Target=\"worksheets/sheet1.xml\"/>%s</Relationships>",
	           styles ? "<Relationship Id=\"rId2\" Type=\"" TYPE "styles\" Target=\"styles.xml\"/>" : "");
	const char *names[] = {"[Content_Types].xml",           "xl/workbook.xml",
	                       "xl/_rels/workbook.xml.rels",    "xl/worksheets/sheet1.xml",
	                       styles ? "xl/styles.xml" : NULL, NULL};
	const char *texts[] = {
	        "<?xml version=\"1.0\"?><Types/>", buf_str(&wb), buf_str(&rels), buf_str(&ws), styles, NULL};
	write_zip(path, names, texts);
	buf_free(&wb);
	buf_free(&ws);
	buf_free(&rels);
}

static void test_written_by_xlsxwriter(void **state)
{
	(void)state;
	char path[64];
	temp_path(path, sizeof path);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "projects");
	lxw_format *day = workbook_add_format(wb), *bold = workbook_add_format(wb);
	format_set_num_format(day, "yyyy-mm-dd");
	format_set_bold(bold);
	lxw_datetime when = {2004, 3, 1, 0, 0, 0}, leap = {2000, 2, 29, 0, 0, 0};
	lxw_rich_string_tuple a = {bold, "三峡"}, b = {NULL, "移民"};
	lxw_rich_string_tuple *rich[] = {&a, &b, NULL};
	assert_int_equal(worksheet_write_string(ws, 0, 0, "code", NULL), 0);
	assert_int_equal(worksheet_write_string(ws, 0, 1, "date", NULL), 0);
	assert_int_equal(worksheet_write_string(ws, 0, 2, "amount", NULL), 0);
	assert_int_equal(worksheet_write_string(ws, 0, 3, "ok", NULL), 0);
	assert_int_equal(worksheet_write_string(ws, 1, 0, "0511", NULL), 0);
	assert_int_equal(worksheet_write_datetime(ws, 1, 1, &when, day), 0);
	assert_int_equal(worksheet_write_number(ws, 1, 2, 1200, NULL), 0);
	assert_int_equal(worksheet_write_boolean(ws, 1, 3, 1, NULL), 0);
	/* row 3 left blank; row 4 sparse: only B and D */
	assert_int_equal(worksheet_write_datetime(ws, 3, 1, &leap, day), 0);
	assert_int_equal(worksheet_write_formula_num(ws, 3, 3, "=1=2", NULL, 0), 0);
	assert_int_equal(worksheet_write_rich_string(ws, 4, 0, rich, NULL), 0);
	assert_int_equal(worksheet_write_number(ws, 4, 2, 12.5, NULL), 0);
	assert_int_equal(worksheet_write_formula_num(ws, 4, 3, "=2*3", NULL, 6), 0);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	buf rows = BUF_INIT;
	err e;
	err_init(&e);
	assert_int_equal(read_book(path, NULL, &rows, &e), 0);
	assert_string_equal(buf_str(&rows), "1:code|date|amount|ok\n"
	                                    "2:0511|2004-03-01|1200|TRUE\n"
	                                    "4:|2000-02-29||0\n"
	                                    "5:三峡移民||12.5|6\n");
	buf_free(&rows);
	err_free(&e);
	unlink(path);
}

static void test_written_by_hand(void **state)
{
	(void)state;
	char path[64];
	temp_path(path, sizeof path);
	/* style 1: a custom date format; style 2: a quoted "d" is no date */
	const char *styles = "<styleSheet " NS "><numFmts count=\"2\">"
	                     "<numFmt numFmtId=\"164\" formatCode=\"[$-409]yyyy/mm/dd;@\"/>"
	                     "<numFmt numFmtId=\"165\" formatCode=\"#,##0&quot; d&quot;\"/></numFmts>"
	                     "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
	                     "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/>"
	                     "<xf numFmtId=\"165\"/></cellXfs></styleSheet>";
	const char *sheet = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>名称</t></is></c>"
	                    "<c r=\"B1\" t=\"inlineStr\"><is><t>date</t></is></c><c r=\"C1\" "
	                    "t=\"inlineStr\"><is><t>n</t></is></c>"
	                    "<c r=\"D1\" t=\"inlineStr\"><is><t>b</t></is></c></row>"
	                    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><r><t>万州</t></r><r><t "
	                    "xml:space=\"preserve\"> 区</t></r>"
	                    "<rPh sb=\"0\" eb=\"1\"><t>wan</t></rPh></is></c><c r=\"B2\" s=\"1\"><v>0</v></c>"
	                    "<c r=\"C2\" s=\"2\"><v>1.0E3</v></c><c r=\"D2\" t=\"b\"><v>0</v></c></row>"
	                    "<row r=\"3\"><c r=\"B3\" s=\"1\"><v>36584.75</v></c><c r=\"C3\" "
	                    "t=\"str\"><f>A1</f><v>名称</v></c></row>"
	                    "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>a &amp; b</t></is></c><c "
	                    "r=\"C4\"><v>0.30000000000000004</v></c></row>";
	hand_book(path, "date1904=\"1\"", styles, sheet);
	buf rows = BUF_INIT;
	err e;
	err_init(&e);
	assert_int_equal(read_book(path, NULL, &rows, &e), 0);
	/* 1904 system: day 0 is 1904-01-01, day 36584 is 2004-02-29 */
	assert_string_equal(buf_str(&rows), "1:名称|date|n|b\n"
	                                    "2:万州 区|1904-01-01|1000|FALSE\n"
	                                    "3:|2004-02-29|名称|\n"
	                                    "4:a & b||0.30000000000000004|\n");
	assert_int_equal(e.count, 0);

	/* the 1900 system: day 60 is Excel's 1900-02-29, 61 is 1900-03-01,
	 * 38047 is 2004-03-01; an error cell is named by sheet and cell (its row,
	 * holding nothing else, is blank) */
	buf_reset(&rows);
	hand_book(
	        path, "", styles,
	        "<row><c t=\"inlineStr\"><is><t>a</t></is></c><c t=\"inlineStr\"><is><t>b</t></is></c></row>"
	        "<row><c s=\"1\"><v>59</v></c><c s=\"1\"><v>60</v></c></row>"
	        "<row><c s=\"1\"><v>61</v></c><c s=\"1\"><v>38047</v></c></row>"
	        "<row r=\"9\"><c r=\"B9\" t=\"e\"><v>#DIV/0!</v></c></row>");
	assert_int_equal(read_book(path, NULL, &rows, &e), 0);
	assert_string_equal(buf_str(&rows), "1:a|b\n2:1900-02-28|1900-02-29\n3:1900-03-01|2004-03-01\n");
	assert_int_equal(e.count, 1);
	assert_string_equal(buf_str(&e.msgs), "t.xlsx:资金!B9:b: the cell holds the Excel error #DIV/0!\n");
	buf_free(&rows);
	err_free(&e);
	unlink(path);
}

/* The first message of E starts with WANT. */
static void expect_message(err *e, const char *want)
{
	if (strncmp(buf_str(&e->msgs), want, strlen(want)) != 0)
		fail_msg("message: %s, wanted: %s", buf_str(&e->msgs), want);
	assert_int_equal(e->status, EXIT_INVALID);
}

static void test_refused(void **state)
{
	(void)state;
	char path[64];
	temp_path(path, sizeof path);
	buf rows = BUF_INIT;
	err e;
	err_init(&e);

	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("code,name\nC1,x\n", f);
	fclose(f);
	assert_int_equal(read_book(path, NULL, &rows, &e), -1);
	expect_message(&e, "t.xlsx: not an .xlsx workbook (it is not a zip archive)");

	err_clear(&e);
	const char *names[] = {"notes.txt", NULL}, *texts[] = {"hello", NULL};
	write_zip(path, names, texts);
	assert_int_equal(read_book(path, NULL, &rows, &e), -1);
	expect_message(&e, "t.xlsx: not an .xlsx workbook (it has no xl/workbook.xml)");

	err_clear(&e);
	hand_book(path, "", NULL, "<row r=\"1\"><c r=\"A1\"><v>1</v></row>");
	assert_int_equal(read_book(path, NULL, &rows, &e), -1);
	expect_message(&e, "t.xlsx: xl/worksheets/sheet1.xml is not well-formed XML");

	err_clear(&e);
	hand_book(path, "", NULL, "<row r=\"3\"><c r=\"A3\"><v>1</v></c></row>");
	assert_int_equal(read_book(path, NULL, &rows, &e), -1);
	expect_message(&e, "t.xlsx:资金!1:: row 1 must be the header");

	err_clear(&e);
	hand_book(path, "", NULL, "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>");
	assert_int_equal(read_book(path, NULL, &rows, &e), -1);
	expect_message(&e, "t.xlsx:资金!A1:: the cell refers to shared string 7");

	/* past the row and column limits */
	struct xlsx_limits small = xlsx_default_limits;
	small.max_rows = 5;
	small.max_cols = 3;
	err_clear(&e);
	hand_book(path, "", NULL,
	          "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"6\"><c r=\"A6\"><v>1</v></c></row>");
	assert_int_equal(read_book(path, &small, &rows, &e), -1);
	expect_message(&e, "t.xlsx:资金!6: the sheet has more than 5 rows");
	err_clear(&e);
	hand_book(path, "", NULL, "<row r=\"1\"><c r=\"D1\"><v>1</v></c></row>");
	assert_int_equal(read_book(path, &small, &rows, &e), -1);
	expect_message(&e, "t.xlsx:资金!1: the sheet has more than 3 columns");
	err_clear(&e);
	hand_book(path, "", NULL, "<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>");
	assert_int_equal(read_book(path, NULL, &rows, &e), -1);
	expect_message(&e, "t.xlsx:资金!1: the sheet has more than 16384 columns");
	err_clear(&e);
	hand_book(path, "", NULL, "<row r=\"1\"><c r=\"ABCD1\"><v>1</v></c></row>");
	assert_int_equal(read_book(path, NULL, &rows, &e), -1);
	expect_message(&e, "t.xlsx:资金: row 1: \"ABCD1\" is not a cell reference");

	buf_free(&rows);
	err_free(&e);
	unlink(path);
}

/* A sheet of 40 MiB of mostly blanks compresses about 1000:1: refused by the
 * ratio check, and by the total size cap when that is lower. */
static void test_zip_bomb(void **state)
{
	(void)state;
	char path[64];
	temp_path(path, sizeof path);
	size_t n = 40u << 20;
	char *blanks = malloc(n + 1);
	assert_non_null(blanks);
	/* blanks between empty elements, so that no one text node is huge */
	memset(blanks, ' ', n);
	for (size_t i = 0; i + 4 <= n; i += 4096)
		memcpy(blanks + i, "<x/>", 4);
	blanks[n] = '\0';
	hand_book(path, "", NULL, blanks);
	free(blanks);
	buf rows = BUF_INIT;
	err e;
	err_init(&e);
	assert_int_equal(read_book(path, NULL, &rows, &e), -1);
	expect_message(&e, "t.xlsx: xl/worksheets/sheet1.xml expands too much for its compressed size");

	struct xlsx_limits small = xlsx_default_limits;
	small.max_total = 1u << 20;
	err_clear(&e);
	assert_int_equal(read_book(path, &small, &rows, &e), -1);
	expect_message(&e, "t.xlsx: xl/worksheets/sheet1.xml is too large");
	assert_int_equal(buf_str(&rows)[0], '\0');
	buf_free(&rows);
	err_free(&e);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_written_by_xlsxwriter),
	        cmocka_unit_test(test_written_by_hand),
	        cmocka_unit_test(test_refused),
	        cmocka_unit_test(test_zip_bomb),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
