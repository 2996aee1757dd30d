/* rights.c: object-level authorization checks; a failed lookup counts as "no right" */
#include "rights.h"

#include "db.h"

bool rights_partnered(arena *a, long long provider_org, long long reseller_org)
{
	db_rows r;
	return db_query(a, &r,
			"SELECT 1 FROM partnerships WHERE provider_org_id = ? AND reseller_org_id = ? AND ended_at IS NULL",
			DB_ARGS(DB_INT(provider_org), DB_INT(reseller_org))) == DB_OK && r.nrows == 1;
}
