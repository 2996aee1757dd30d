/* money.h: amounts are whole cents (integers) everywhere; this formats them for people */
#ifndef CC_MONEY_H
#define CC_MONEY_H

#include "arena.h"

/* "$1,234.50" (negative: "-$3.00"). */
const char *money_format(arena *a, long long cents);

#endif
