/* api_customers.c: the partner API's customers: the list (search, reseller filter, paging, CSV), one customer, a new customer for a reseller */
#include "api/api.h"

const api_route api_customer_routes[] = {
	{ 0 },
};
