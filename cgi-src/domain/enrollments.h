/* enrollments.h: reseller enrollment: the wizard's steps (its row, kept server side and bound to a browser's
 * cookie), a new directory tenant, submitting the application, the primary contact's email verification,
 * and the vendor admin's approval (the new reseller account) or rejection.
 *
 * The wizard is the object of its steps ("enrollment_wizard"); the application of the rest
 * ("enrollment_application"). Someone enrolling is anonymous until the directory step signs them in, so
 * WHO->user may be NULL: the audit row then names no user. No audit value ever holds a password. */
#ifndef CC_ENROLLMENTS_H
#define CC_ENROLLMENTS_H

#include <stdbool.h>

#include "domain/domain.h"
#include "i18n.h"
#include "validate.h"

#define ENROLL_VERIFY_PURPOSE "enroll_verify"
#define ENROLL_UNAVAILABLE N_("Enrollment is unavailable right now. Try again in a minute.")

/* ---------- the business details an application carries ---------- */

enum enrollments_group { ENROLL_GROUP_BUSINESS, ENROLL_GROUP_CONTACT, ENROLL_GROUP_SUPPORT, ENROLL_GROUP_COUNT };

/* The details, in ENROLLMENTS_DETAIL_COLUMNS order. */
enum enrollments_detail {
	DETAIL_LEGAL_NAME, DETAIL_ADDRESS_LINE1, DETAIL_ADDRESS_LINE2, DETAIL_CITY,
	DETAIL_REGION, DETAIL_POSTAL_CODE, DETAIL_COUNTRY, DETAIL_PHONE,
	DETAIL_CONTACT_NAME, DETAIL_CONTACT_EMAIL, DETAIL_CONTACT_PHONE,
	DETAIL_SUPPORT_EMAIL, DETAIL_SUPPORT_PHONE, DETAIL_SUPPORT_WEBSITE,
	N_DETAILS
};

typedef struct {
	const char *name;  /* the form field and the column in enrollment_wizards and enrollment_applications */
	field_rule rule;
	enum enrollments_group group;
} enrollments_detail_field;

extern const enrollments_detail_field enrollments_details[N_DETAILS];

#define ENROLLMENTS_DETAIL_COLUMNS "legal_name, address_line1, address_line2, city, region, postal_code, country, " \
	"phone, contact_name, contact_email, contact_phone, support_email, support_phone, support_website"

/* Partners already in the program (the short path) give only their customer support information. */
bool enrollments_detail_asked(int detail, bool short_path);

/* PROBLEMS[i]: why VALUES[i] is not acceptable, for the details this path asks (NULL when it is); how
 * many are bad. */
int enrollments_details_problems(arena *a, bool short_path, const char *const values[N_DETAILS],
				 const char *problems[N_DETAILS]);

/* Refusals' codes (outcome.code) */
enum {
	ENROLL_TENANT_ENROLLED = 1,  /* the tenant is a reseller already */
	ENROLL_TENANT_IN_PROGRESS,   /* an application for the tenant is live, by someone else */
	ENROLL_TENANT_YOURS,         /* ... by the same admin: they can see its status */
	ENROLL_NOT_GLOBAL_ADMIN,
	ENROLL_SUBMITTED,            /* the wizard has its application: every step leads to its status */
	ENROLL_FIX_DETAILS,          /* the saved details no longer pass: the details step first */
	ENROLL_NO_PROFILE,           /* not one of the membership account's active profiles */
	ENROLL_OTHER_COUNTRY,
	ENROLL_MPN_TAKEN,
	ENROLL_NOT_PENDING,          /* an application not waiting for review */
	ENROLL_ORG_EXISTS,
	ENROLL_VENDOR_ONLY,
};

/* ---------- the wizard's steps ---------- */

/* Welcome: a new wizard whose cookie hashes to TOKEN_HASH. The id of the outcome is the wizard's. */
outcome enrollments_start(arena *a, const actor *who, const char *token_hash);

/* Why U may not enroll their organization (they are not a global admin of its tenant), or NULL. */
const char *enrollments_not_global_admin(arena *a, const struct user *u);

/* Sign in to the directory: WHO (the global admin just signed in) binds wizard WIZARD_ID to their tenant,
 * under a new cookie that hashes to TOKEN_HASH. Choosing another tenant drops what depended on the old one
 * and prefills the contact from the admin. OUTCOME_FORBIDDEN for a user who is not a global admin;
 * OUTCOME_CONFLICT for a tenant enrolled already or with an application in progress. The code of an OK
 * outcome is 1 when the tenant takes the short path (it is a provider already). */
outcome enrollments_bind_directory(arena *a, const actor *who, long long wizard_id, const char *token_hash);

/* Create new tenant: the form's fields. */
enum { TENANT_PREFIX, TENANT_ORG_NAME, TENANT_COUNTRY, TENANT_ADMIN_NAME, TENANT_ADMIN_USER, TENANT_PASSWORD,
       TENANT_CONFIRM, TENANT_N_FIELDS };

/* A new directory tenant named FIELD[TENANT_PREFIX].onmicrosoft.com with its first global admin (through
 * tenants_create). OUTCOME_INVALID with PROBLEMS[i] filled for each bad field (also a domain taken
 * meanwhile). The id of the outcome is the tenant's. */
outcome enrollments_create_tenant(arena *a, const actor *who, const char *const field[TENANT_N_FIELDS],
				  const char *problems[TENANT_N_FIELDS]);

/* Link MPN ID: the explanation was read. */
outcome enrollments_mpn_intro(arena *a, const actor *who, long long wizard_id);

/* The membership center's user name, typed: the account and profile chosen before no longer count.
 * OUTCOME_INVALID when it is not an email address. */
outcome enrollments_membership_user(arena *a, const actor *who, long long wizard_id, const char *user_name);

/* The membership center account ACCOUNT_ID, whose password the caller checked, is the wizard's. */
outcome enrollments_membership_account(arena *a, const actor *who, long long wizard_id, long long account_id);

/* Profile PROFILE_ID of the wizard's membership account; choosing another one than before brings its legal
 * name and city into the details. OUTCOME_INVALID when it is not one of the account's active profiles;
 * OUTCOME_CONFLICT when it is in another country than the tenant or its MPN ID is enrolled or in progress. */
outcome enrollments_choose_profile(arena *a, const actor *who, long long wizard_id, long long profile_id);

/* Cancel on the profile page: sign out of the membership account to use another one. */
outcome enrollments_cancel_profile(arena *a, const actor *who, long long wizard_id);

/* The details VALUES (all N_DETAILS: the ones this path does not ask as they were). They are saved even when
 * some are bad, cut to the column sizes (a draft: Back and a later visit keep what was typed), marked done
 * only when CHECK is set and all are fine: then bad ones are OUTCOME_INVALID with PROBLEMS filled, the
 * draft saved all the same. */
outcome enrollments_save_details(arena *a, const actor *who, long long wizard_id, const char *const values[N_DETAILS],
				 bool check, const char *problems[N_DETAILS]);

/* Enroll now: the application (a copy of the wizard's data), its verification email, once. The id of the
 * outcome is the application's (also when the wizard had submitted it before). OUTCOME_INVALID
 * (ENROLL_FIX_DETAILS) when the saved details no longer pass; OUTCOME_CONFLICT when the tenant or MPN ID
 * is enrolled or in progress. */
outcome enrollments_submit(arena *a, const actor *who, long long wizard_id);

/* ---------- after Enroll now ---------- */

/* The name an application goes by (a of enrollment_applications, t its tenants row): its legal name, or for
 * a partner already in the program (short path, no legal name asked) its existing organization's name, or
 * the tenant's. */
#define ENROLLMENTS_APPLICATION_NAME_SQL \
	"COALESCE(NULLIF(a.legal_name, ''), " \
	"(SELECT o.name FROM organizations o WHERE o.tenant_id = a.tenant_id ORDER BY o.id LIMIT 1), " \
	"t.display_name)"

/* The primary contact's link TOKEN verifies the address: the application waits for review.
 * OUTCOME_NOT_FOUND for an unknown token, OUTCOME_GONE for a used, expired or withdrawn one; the code is
 * then the token_state (token.h). */
outcome enrollments_verify(arena *a, const actor *who, const char *token);

/* The vendor admin approves application ID: a reseller account of its tenant, the applicant its admin agent,
 * an email to the primary contact. OUTCOME_NOT_FOUND, OUTCOME_CONFLICT when it is not waiting for review
 * or the tenant or MPN ID has a reseller account already. */
outcome enrollments_approve(arena *a, const actor *who, long long id);

/* The vendor admin rejects application ID with REASON (trimmed; emailed to the primary contact).
 * OUTCOME_INVALID without a reason or with a longer one than 1000 characters; else as enrollments_approve. */
outcome enrollments_reject(arena *a, const actor *who, long long id, const char *reason);

#endif
