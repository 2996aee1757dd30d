/* arena.h: per-request bump allocator, reset after each response so handlers never free piecemeal */
#ifndef CC_ARENA_H
#define CC_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(size_t block_size);          /* aborts on out-of-memory */
void arena_free(arena *a);
void arena_reset(arena *a);                   /* keeps the first block, drops the rest */
void *arena_alloc(arena *a, size_t n);        /* 16-byte aligned, never NULL */
void *arena_calloc(arena *a, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
size_t arena_used(const arena *a);            /* bytes handed out since the last reset */

#endif
