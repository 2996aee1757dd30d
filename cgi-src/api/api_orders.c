/* api_orders.c: the partner API's a customer's orders, subscriptions (license changes become orders) and support contacts */
#include "api/api.h"

const api_route api_order_routes[] = {
	{ 0 },
};
