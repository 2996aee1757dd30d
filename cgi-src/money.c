/* money.c: formatting amounts in cents with thousands separators */
#include "money.h"

#include <stdio.h>
#include <string.h>

const char *money_format(arena *a, long long cents)
{
	unsigned long long v = cents < 0 ? (unsigned long long)-(cents + 1) + 1 : (unsigned long long)cents;
	char digits[32], grouped[48];
	int n = snprintf(digits, sizeof digits, "%llu", v / 100);
	int g = 0;
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			grouped[g++] = ',';
		grouped[g++] = digits[i];
	}
	grouped[g] = '\0';
	return arena_printf(a, "%s$%s.%02llu", cents < 0 ? "-" : "", grouped, v % 100);
}
