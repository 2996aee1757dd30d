/* clock.h: the monotonic clock in milliseconds, for deadlines and back-offs (never for wall-clock times) */
#ifndef CC_CLOCK_H
#define CC_CLOCK_H

#include <time.h>

static inline long long monotonic_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

#endif
