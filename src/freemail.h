/* SPDX-License-Identifier: MIT */
/*
 * The free-mail and disposable provider tables of the domain module: the
 * built-in tables (hand-written, sorted, searched with bsearch) and the set
 * of domains a host adds at run time. Every domain here is already
 * normalized: lowercase ASCII (punycode for IDN), no trailing dot.
 */
#ifndef L2A_FREEMAIL_H
#define L2A_FREEMAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain.h"

/* Longest domain the built-in tables hold, excluding the NUL. */
#define L2A_FREEMAIL_NAME_MAX 31

/*
 * The built-in kind of exactly this normalized domain (no parent lookup):
 * L2A_DOMAIN_DISPOSABLE, L2A_DOMAIN_FREEMAIL or L2A_DOMAIN_ORDINARY.
 */
l2a_domain_kind l2a_freemail_builtin_kind(const char *domain);

/* Entries of the built-in table of `kind` (0 for L2A_DOMAIN_ORDINARY); for tests. */
size_t l2a_freemail_builtin_count(l2a_domain_kind kind);
/* The i-th entry of that table in sorted order, or NULL past the end. */
const char *l2a_freemail_builtin_at(l2a_domain_kind kind, size_t i);

/*
 * Domains added at run time: an open-addressing hash set over one string
 * arena, so each entry costs 8 bytes of table plus its bytes.
 * Read-only lookups are thread-safe once adding has stopped.
 */
typedef struct l2a_freemail_set {
    char *names;          /* NUL-separated domains */
    size_t names_len;     /* bytes in use */
    size_t names_cap;     /* bytes allocated */
    struct l2a_freemail_slot *slots; /* power-of-two table; NULL while empty */
    size_t slot_count;
    size_t count;
} l2a_freemail_set;

void l2a_freemail_set_init(l2a_freemail_set *s);
void l2a_freemail_set_free(l2a_freemail_set *s);
/* Adds a normalized domain; adding one twice keeps it once. L2A_OK or L2A_ERR_NOMEM. */
int l2a_freemail_set_add(l2a_freemail_set *s, const char *domain, size_t len);
bool l2a_freemail_set_contains(const l2a_freemail_set *s, const char *domain, size_t len);

#endif
