/* api_catalog.c: the partner API's the offer catalog and the audit records (activity log) */
#include "api/api.h"

const api_route api_catalog_routes[] = {
	{ 0 },
};
