/* Files compiled into the binary: the schema (sql/) and the reference data
 * (data/). Generated at build time by cmake/embed.cmake. */
#ifndef DUIKOU_EMBEDDED_H
#define DUIKOU_EMBEDDED_H
#include <stddef.h>

struct embedded_file {
	const char *path; /* relative to the source tree, e.g. "sql/001_schema.sql" */
	const char *data; /* NUL-terminated */
	size_t len;
};

extern const struct embedded_file embedded_files[]; /* ends with path == NULL */

/* The file at PATH, or NULL. */
const struct embedded_file *embedded_find(const char *path);

#endif
