/* IATI activity XML (standard 2.03) of one program's projects: one
 * iati-activity per project, its fund receipts as transactions. Written
 * with libxml2's xmlTextWriter, which escapes every value. */
#ifndef DUIKOU_IATI_H
#define DUIKOU_IATI_H
#include "core/buf.h"
#include "store/db.h"

struct iati_options {
	const char *program;       /* the program's code (required) */
	int year;                  /* 0: everything; else as at the end of YEAR */
	const char *reporting_org; /* the publisher's IATI organisation identifier */
};

/* The reporting organisation's identifier when none is given: the
 * environment's DUIKOU_IATI_ORG, else IATI_DEFAULT_ORG. */
#define IATI_DEFAULT_ORG "CN-DUIKOU"
const char *iati_default_org(void);

/* Appends the iati-activities document of O to OUT. With O->year, the
 * projects signed on or before YEAR-12-31, their status on that day (from
 * the history) and their receipts dated on or before it. An unknown
 * program is EXIT_INVALID; a program without such projects gives a
 * document without activities, which the schema rejects: EXIT_INVALID
 * too, since IATI has no empty file. */
int iati_export(db *d, const struct iati_options *o, buf *out, err *e);

/* The OECD DAC 5-digit purpose code of a GB/T 4754-2017 industry code (a
 * section letter, a 2-digit division or a longer code): iati_sector.c. */
const char *iati_dac_sector(const char *industry_code);

/* The IATI ActivityStatus code of a duikou project status ("1" … "5"). */
const char *iati_activity_status(const char *status);

#endif
