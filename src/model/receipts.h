/* receipts: the arrival side of both sides' books (issue 10) — a county
 * confirming a supporter's transfer (a new receipt, or a link to one it
 * recorded), evidence documents of a receipt, and the municipal office's
 * verification (到位核实), which locks the receipt until it is unlocked
 * with a reason. Each change is one transaction with its audit row; the
 * outcomes and messages are record.h's. */
#ifndef DUIKOU_RECEIPTS_H
#define DUIKOU_RECEIPTS_H
#include "model/record.h"
#include <stddef.h>
#include <stdint.h>

/* The largest evidence document accepted, in bytes. */
#define EVIDENCE_MAX_BYTES (10 * 1024 * 1024)

/* The content type of DATA[0..len) by its first bytes: "application/pdf",
 * "image/png", "image/jpeg", or NULL for anything else. */
const char *evidence_sniff(const unsigned char *data, size_t len);

/* Marks the receipt CODE verified by WHO now (PERM_VERIFY). */
enum record_outcome receipt_verify(db *d, const char *code, enum lang lang, const struct actor *who,
                                   struct record_result *r);
/* Unlocks the verified receipt CODE; REASON must not be empty. */
enum record_outcome receipt_unlock(db *d, const char *code, const char *reason, enum lang lang,
                                   const struct actor *who, struct record_result *r);
/* Adds the evidence document NAME (stored as its last part after '/' or
 * '\\'; "evidence" when NULL, empty or not UTF-8), DATA[0..len), to the receipt CODE, which
 * WHO must be able to write and which must not be locked; r->id gets the
 * document's id. */
enum record_outcome receipt_add_evidence(db *d, const char *code, const char *name, const void *data,
                                         size_t len, enum lang lang, const struct actor *who,
                                         struct record_result *r);

/* One evidence document as read (evidence_load: with its bytes). */
struct evidence {
	int64_t id;
	char *fund_code, *name, *content_type, *sha256, *uploaded_by, *uploaded_at;
	int64_t size;
	unsigned char *data; /* NULL unless loaded */
};
void evidence_free(struct evidence *ev);
/* The documents of receipt CODE, oldest first, without their bytes:
 * *OUT (free each with evidence_free, then the array), *N. */
int evidence_list(db *d, const char *code, struct evidence **out, size_t *n, err *e);
/* Document ID with its bytes: 1 found, 0 missing, -1 (E). */
int evidence_load(db *d, int64_t id, struct evidence *out, err *e);

/* The receipt's verification: 1 verified (BY and AT filled, to be freed),
 * 0 not, -1 (E). */
int receipt_verified(db *d, const char *code, char **by, char **at, err *e);

/* Confirms the arrival of transfer CODE (PERM_CONFIRM; WHO must read the
 * transfer): with RECEIPT, links that receipt (same project, same amount,
 * from the supporter, not yet linked); without it, records a new receipt
 * of the transfer's project and amount, side supporter, dated DATE (NULL
 * or empty: the transfer's date). r->id gets the receipt's code. */
enum record_outcome transfer_confirm(db *d, const char *code, const char *receipt, const char *date,
                                     enum lang lang, const struct actor *who, struct record_result *r);
/* The receipt linked to transfer CODE: 1 (*RECEIPT filled, to be freed), 0
 * none, -1 (E). */
int transfer_receipt(db *d, const char *code, char **receipt, err *e);
/* Undoes the confirmation of transfer CODE (PERM_CONFIRM; WHO must read
 * the transfer): its link to the receipt goes, the receipt stays; REASON
 * must not be empty. A confirmed transfer is locked (record.c, the
 * importer) until then. */
enum record_outcome transfer_unconfirm(db *d, const char *code, const char *reason, enum lang lang,
                                       const struct actor *who, struct record_result *r);

#endif
