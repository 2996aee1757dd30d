/* api_contract.c: the partner API's the API's contract: /v1/openapi.json */
#include "api/api.h"

const api_route api_contract_routes[] = {
	{ 0 },
};
