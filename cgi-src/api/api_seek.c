/* api_seek.c: the continuation token of a keyset page the API answers (api_seek.h) */
#include "api/api_seek.h"

const char *api_next_page(arena *a, db_rows *rows, int page, int id_col, int key_col)
{
	if (rows->nrows <= page)
		return NULL;
	rows->nrows = page;
	return arena_printf(a, "%s:%s", db_get(rows, page - 1, id_col), key_col < 0 ? "" : db_get(rows, page - 1, key_col));
}
