/* api_relationships.c: the partner API's partner relationships and partnership requests, customer relationship requests (invitations) */
#include "api/api.h"

const api_route api_relationship_routes[] = {
	{ 0 },
};
