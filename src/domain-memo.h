/* SPDX-License-Identifier: MIT */
/*
 * A small memo of registrable domains by host, one in each workspace (so,
 * one per matching thread): the leads of one company share its hosts, and
 * free-mail leads share a handful, while the Public Suffix List lookup is a
 * good part of a match. A host's domain and kind cannot change once the
 * matcher is built, so an entry never goes stale; a slot is simply
 * overwritten by the next host that hashes to it.
 */
#ifndef L2A_DOMAIN_MEMO_H
#define L2A_DOMAIN_MEMO_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "domain.h"

#define L2A_DOMAIN_MEMO_SLOTS 256
/* Hosts and domains longer than this are looked up every time. */
#define L2A_DOMAIN_MEMO_TEXT 63

typedef struct l2a_domain_memo_slot {
    uint64_t hash;
    uint8_t used, host_len, domain_len, kind;
    char host[L2A_DOMAIN_MEMO_TEXT];
    char domain[L2A_DOMAIN_MEMO_TEXT];
} l2a_domain_memo_slot;

/* All zero is an empty memo. */
typedef struct l2a_domain_memo {
    l2a_domain_memo_slot slot[L2A_DOMAIN_MEMO_SLOTS];
} l2a_domain_memo;

/* l2a_dom_host_registrable_kind(), answered from the memo when the host is in it. */
int l2a_domain_memo_registrable(l2a_domain_memo *memo, const l2a_domains *d, const char *host, size_t len,
                                l2a_buf *out, l2a_domain_kind *kind);

#endif
