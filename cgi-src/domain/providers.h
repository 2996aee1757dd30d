/* providers.h: the official provider list the vendor keeps: a provider's partner account and listing made for
 * a directory tenant, its listing's changes, delisting and relisting it; each change checked, saved and
 * audited in one transaction */
#ifndef CC_PROVIDERS_H
#define CC_PROVIDERS_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/domain.h"
#include "i18n.h"

/* A listing's form fields */
enum { PROVIDERS_F_TENANT, PROVIDERS_F_NAME, PROVIDERS_F_HEADLINE, PROVIDERS_F_COUNTRIES, PROVIDERS_F_SERVICES,
       PROVIDERS_F_EMAIL, PROVIDERS_F_PHONE, PROVIDERS_F_WEBSITE, PROVIDERS_N_FIELDS };
/* Their names: the form's parameters, an OUTCOME_INVALID's field and the audit row's keys */
extern const char *const providers_fields[PROVIDERS_N_FIELDS];

#define PROVIDERS_MAX_SERVICES 30

/* A listing as a form holds it: filled by the page from the request (or by providers_find), checked by
 * providers_create and providers_update. */
typedef struct {
	long long org_id;     /* the provider organization; a new one: set when it is created */
	long long tenant_id;  /* a new one: the directory tenant it is made for (checked: from F_TENANT) */
	/* as typed; checked: trimmed, F_SERVICES one service per line, F_COUNTRIES the codes by code, with commas */
	const char *values[PROVIDERS_N_FIELDS];
	const char **countries;  /* the codes as posted; checked: those on the list, in the order chosen, once each */
	size_t n_countries;
	const char *errors[PROVIDERS_N_FIELDS];  /* a refusal: the message next to each field it is about */
} providers_listing;

#define PROVIDERS_NOT_FOUND N_("There is no provider organization with that number. Choose one from the provider list.")

/* providers_find's answer when there is no provider L->org_id: positive, so never a DB_* code */
enum { PROVIDERS_NONE = 1 };
/* Provider L->org_id's listing into L, as its form shows it: DB_OK, PROVIDERS_NONE, or a DB_* code. */
int providers_find(arena *a, providers_listing *l);

/* WHO (the vendor) adds a provider to the list: a partner account for directory tenant L (its global admins
 * its admin agents) and a listing, shown on the public list at once; the outcome's id (and L->org_id) is the
 * new organization's. OUTCOME_INVALID when a field is wrong or the tenant does not exist (L->errors says
 * which, each with its message); OUTCOME_CONFLICT when the tenant has a partner account already or another
 * provider has the name; OUTCOME_FORBIDDEN for anyone but the vendor. */
outcome providers_create(arena *a, const actor *who, providers_listing *l);
/* WHO (the vendor) changes provider L->org_id's name and listing to L's (creating the listing, listed, when it
 * has none): as providers_create, and OUTCOME_NOT_FOUND when there is no such provider (whatever was typed). */
outcome providers_update(arena *a, const actor *who, providers_listing *l);

/* WHO (the vendor) shows provider ORG_ID's listing on the public list (LISTED) or takes it off.
 * OUTCOME_NOT_FOUND when it has no listing. */
outcome providers_set_listed(arena *a, const actor *who, long long org_id, bool listed);

#endif
