/* offers.h: the offer catalog: the vendor adds and changes offers (each change checked, saved and audited in
 * one transaction), and every page reads the catalog through one query in one order */
#ifndef CC_OFFERS_H
#define CC_OFFERS_H

#include <stdbool.h>

#include "db.h"
#include "domain/domain.h"
#include "i18n.h"

/* The columns of offers_active and offers_catalog */
enum { OFFERS_COL_ID, OFFERS_COL_NAME, OFFERS_COL_SKU, OFFERS_COL_CATEGORY, OFFERS_COL_DESCRIPTION,
       OFFERS_COL_PRICE, OFFERS_COL_MIN, OFFERS_COL_MAX, OFFERS_COL_ACTIVE, OFFERS_COL_CURRENCY, OFFERS_NCOLS };

/* The offers new orders may choose (active ones), by category (uncategorized last), then name, then id:
 * the OFFERS_COL_* columns, the price in cents of OFFERS_COL_CURRENCY (ISO 4217: show it with i18n_money).
 * A DB_* code. */
int offers_active(arena *a, db_rows *out);
/* Every offer, the active ones first, each part in offers_active's order: the OFFERS_COL_* columns. */
int offers_catalog(arena *a, db_rows *out);

/* An offer's form fields */
enum { OFFERS_F_NAME, OFFERS_F_SKU, OFFERS_F_CATEGORY, OFFERS_F_DESCRIPTION, OFFERS_F_PRICE, OFFERS_F_MIN,
       OFFERS_F_MAX, OFFERS_F_CURRENCY, OFFERS_N_FIELDS };
/* Their names: the form's parameters, an OUTCOME_INVALID's field and the audit row's keys */
extern const char *const offers_fields[OFFERS_N_FIELDS];

/* An offer as a form holds it: filled by the page from the request (or by offers_find), checked by
 * offers_create and offers_update. */
typedef struct {
	long long id;                        /* 0 for a new offer */
	/* as typed ("12.5" of the currency); checked: trimmed, the SKU and currency in capitals, the currency
	 * "USD" for a new offer and the stored one for an edit when none was given */
	const char *values[OFFERS_N_FIELDS];
	bool active;                         /* new orders may choose it */
	const char *errors[OFFERS_N_FIELDS]; /* a refusal: the message next to each field it is about */
} offers_offer;

#define OFFERS_NOT_FOUND N_("There is no offer with that number. Choose one from the offer catalog.")

/* The currencies an offer can be priced in (ISO 4217 codes), with their names marked for the catalog */
typedef struct {
	const char *code, *name;
} offers_currency;
extern const offers_currency offers_currencies[];
extern const size_t offers_currency_count;

/* offers_find's answer when there is no offer O->id: positive, so never a DB_* code */
enum { OFFERS_NONE = 1 };
/* Offer O->id's values into O, as its form shows them: DB_OK, OFFERS_NONE, or a DB_* code. */
int offers_find(arena *a, offers_offer *o);

/* WHO (the vendor) adds offer O to the catalog; the outcome's id (and O->id) is the new offer's.
 * OUTCOME_INVALID when a field is wrong (O->errors says which, each with its message), OUTCOME_CONFLICT when
 * another offer has its SKU (O->errors[OFFERS_F_SKU]); OUTCOME_FORBIDDEN for anyone but the vendor. */
outcome offers_create(arena *a, const actor *who, offers_offer *o);
/* WHO (the vendor) changes offer O->id to O's values: as offers_create, and OUTCOME_NOT_FOUND when there is
 * no such offer (whatever was typed). Existing subscriptions keep their terms; new orders see the new ones. */
outcome offers_update(arena *a, const actor *who, offers_offer *o);

#endif
