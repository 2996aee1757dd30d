/* arena.c: per-request bump allocator; blocks are chained, big requests get their own block */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct block {
	struct block *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

struct arena {
	struct block *head;  /* current block, newest first */
	size_t block_size;
	size_t total;
};

static struct block *block_new(size_t size)
{
	struct block *b = malloc(sizeof *b + size);
	if (!b) {
		fputs("arena: out of memory\n", stderr);
		abort();
	}
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

arena *arena_new(size_t block_size)
{
	arena *a = malloc(sizeof *a);
	if (!a)
		abort();
	a->block_size = block_size ? block_size : 64 * 1024;
	a->head = block_new(a->block_size);
	a->total = 0;
	return a;
}

void arena_free(arena *a)
{
	if (!a)
		return;
	for (struct block *b = a->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void arena_reset(arena *a)
{
	struct block *b = a->head;
	/* the oldest block is the standard-sized one we keep */
	while (b->next) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	if (b->size != a->block_size) {
		free(b);
		b = block_new(a->block_size);
	}
	b->used = 0;
	a->head = b;
	a->total = 0;
}

void *arena_alloc(arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (n == 0)
		n = 16;
	struct block *b = a->head;
	if (b->size - b->used < n) {
		size_t size = n > a->block_size / 4 ? n : a->block_size;
		struct block *nb = block_new(size);
		if (size == n && b) {
			/* oversized: keep filling the current block afterwards */
			nb->next = b->next;
			b->next = nb;
			nb->used = n;
			a->total += n;
			return nb->data;
		}
		nb->next = b;
		a->head = b = nb;
	}
	void *p = b->data + b->used;
	b->used += n;
	a->total += n;
	return p;
}

void *arena_calloc(arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	memset(p, 0, n);
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

size_t arena_used(const arena *a)
{
	return a->total;
}
