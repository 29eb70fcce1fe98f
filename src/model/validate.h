/* The validation rules (interchange.md, issue 2 item 7), run over the whole
 * database by `duikou check` and after every import, inside its transaction.
 * Each violation is one line in E (status EXIT_INVALID):
 *   TABLE:CODE:COLUMN: message
 * Returns 0 when every rule holds, -1 otherwise (or on a database error,
 * with EXIT_SYSTEM). */
#ifndef DUIKOU_VALIDATE_H
#define DUIKOU_VALIDATE_H
#include "store/db.h"

int validate_all(db *d, err *e);

#endif
