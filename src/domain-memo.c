/* SPDX-License-Identifier: MIT */
#include "domain-memo.h"

#include <string.h>
#include <xxhash.h>

#include "l2a.h"

static int slot_holds(const l2a_domain_memo_slot *s, uint64_t hash, const char *host, size_t len)
{
    return s->used && s->hash == hash && s->host_len == len && memcmp(s->host, host, len) == 0;
}

static void remember(l2a_domain_memo_slot *s, uint64_t hash, const char *host, size_t len, const l2a_buf *domain,
                     l2a_domain_kind kind)
{
    if (len > L2A_DOMAIN_MEMO_TEXT || domain->len > L2A_DOMAIN_MEMO_TEXT)
        return;
    s->used = 1;
    s->hash = hash;
    s->host_len = (uint8_t)len;
    s->domain_len = (uint8_t)domain->len;
    s->kind = (uint8_t)kind;
    memcpy(s->host, host, len);
    memcpy(s->domain, l2a_buf_str(domain), domain->len);
}

int l2a_domain_memo_registrable(l2a_domain_memo *memo, const l2a_domains *d, const char *host, size_t len,
                                l2a_buf *out, l2a_domain_kind *kind)
{
    uint64_t hash;
    l2a_domain_memo_slot *s;
    int rc;

    if (!memo || !host || len > L2A_DOMAIN_MEMO_TEXT)
        return l2a_dom_host_registrable_kind(d, host, len, out, kind);
    hash = XXH3_64bits(host, len);
    s = &memo->slot[hash % L2A_DOMAIN_MEMO_SLOTS];
    if (slot_holds(s, hash, host, len)) {
        *kind = (l2a_domain_kind)s->kind;
        return l2a_buf_set(out, s->domain, s->domain_len);
    }
    rc = l2a_dom_host_registrable_kind(d, host, len, out, kind);
    /* Only answers are kept: a refused host is refused again the same way. */
    if (rc == L2A_OK)
        remember(s, hash, host, len, out, *kind);
    return rc;
}
