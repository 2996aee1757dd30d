/* api_seek.h: the continuation token of a keyset page the API answers (the pages' ?after= cursor) */
#ifndef CC_API_SEEK_H
#define CC_API_SEEK_H

#include "db.h"

/* ROWS holds up to PAGE + 1 rows read in list order: when there is a row past the page, the token of the
 * next page ("ID:KEY" of the page's last row, KEY_COL -1 for none) and ROWS cut to PAGE rows; else NULL. */
const char *api_next_page(arena *a, db_rows *rows, int page, int id_col, int key_col);

#endif
