/* Inside the XLSX reader: the open workbook, shared by xlsx_read.c (the
 * archive, its parts, the workbook, shared strings and styles) and
 * xlsx_sheet.c (a sheet's cells). Not for other modules. */
#ifndef DUIKOU_XLSX_PART_H
#define DUIKOU_XLSX_PART_H
#include "io/xlsx_read.h"
#include <libxml/xmlreader.h>
#include <stdbool.h>
#include <zip.h>

struct xlsx_sheet {
	char *name;
	char *path; /* its part in the archive */
};

struct xlsx {
	zip_t *zip;
	const char *file;
	struct xlsx_limits lim;
	size_t total; /* uncompressed bytes read so far */
	bool date1904;
	char **strings; /* the shared strings */
	size_t nstrings, capstrings;
	bool *date_xf; /* cell style (cellXfs index) → is a date format */
	size_t nxf;
	struct xlsx_sheet *sheets;
	size_t nsheets;
};

/* Called for each node of a part; returns 0 to go on, -1 to stop after
 * adding to E. */
typedef int (*xlsx_node_fn)(void *ctx, xmlTextReaderPtr r, err *e);

/* Streams the part NAME through FN. Returns 0; 1 when the part is absent
 * and not REQUIRED; -1 after adding to E (missing, not XML, over a limit). */
int xlsx_walk(xlsx *x, const char *name, bool required, xlsx_node_fn fn, void *ctx, err *e);
/* The attribute of the current element whose local name is LOCAL (so that
 * r:id is "id"), as a string the caller frees, or NULL. */
char *xlsx_attr(xmlTextReaderPtr r, const char *local);
/* true when the current node is an element start (END false) or end (END
 * true) named LOCAL; an empty element <x/> counts as both. */
bool xlsx_at(xmlTextReaderPtr r, const char *local, bool end);
/* true for the nodes that carry character data. */
bool xlsx_is_text(xmlTextReaderPtr r);

#endif
