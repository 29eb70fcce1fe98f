/* The web pages' words: one table of keys with their Chinese and English
 * text (i18n.c), so that no page carries its own language ternaries. */
#ifndef DUIKOU_WEB_I18N_H
#define DUIKOU_WEB_I18N_H
#include "core/num.h"

/* The text of KEY in LANG; KEY itself when the table lacks it (a test
 * checks that every key a page uses is in the table). */
const char *web_t(enum lang lang, const char *key);
/* true when KEY is in the table */
int web_t_known(const char *key);

#endif
