/* api_users.c: the partner API's a customer's users: create, reset password, remove, license assignments */
#include "api/api.h"

const api_route api_user_routes[] = {
	{ 0 },
};
