/* SPDX-License-Identifier: MIT */
/* The layout of l2a_matcher, shared by its lifecycle (matcher.c) and matching (match.c). */
#ifndef L2A_MATCHER_INTERNAL_H
#define L2A_MATCHER_INTERNAL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "domain.h"
#include "errors.h"
#include "pair-features.h"
#include "idset.h"
#include "keymap.h"
#include "l2a.h"
#include "normalize.h"
#include "scorer.h"
#include "snapshot-file.h"
#include "trigram.h"

/* A string in the matcher's arena. Offset 0 holds "", so {0, 0} is the empty string. */
typedef struct l2a_span {
    uint32_t off;
    uint32_t len;
} l2a_span;

typedef struct l2a_account {
    l2a_span id;
    l2a_span name; /* normalized key */
    l2a_span region;
    l2a_span city;
    l2a_span phone;
    uint32_t first_alias; /* into aliases[] */
    uint32_t n_aliases;
    uint32_t first_domain; /* into domains[]: registrable domains, free-mail removed at build */
    uint32_t n_domains;
    char country[3];
} l2a_account;

/* Per-match working memory, pooled on the matcher so matching allocates nothing in steady state. */
typedef struct l2a_workspace {
    l2a_tri_scratch *scratch;
    l2a_buf name, email_host, email_domain, website_host, website_domain, text, region, city;
    char phone[32];
    l2a_tri_hit *hits;
    size_t cap_hits;
    uint32_t *cands;
    size_t n_cands, cap_cands;
    l2a_str *views; /* alias and domain views of one account */
    size_t cap_views;
} l2a_workspace;

#define L2A_DEFAULT_MARGIN 0.02
#define L2A_DEFAULT_MAX_CANDIDATES 32
#define L2A_MAX_CANDIDATES_LIMIT 256
/* A domain listed by more accounts than this contributes only this many candidates. */
#define L2A_MAX_DOMAIN_CANDIDATES 64

struct l2a_matcher {
    l2a_normalizer *norm;
    l2a_domains *domains;
    l2a_model model;
    double threshold;
    double margin;
    unsigned max_candidates;
    int built;

    l2a_buf arena; /* account strings, NUL-terminated */
    l2a_account *accounts;
    size_t n_accounts, cap_accounts;
    l2a_span *aliases;
    size_t n_aliases, cap_aliases;
    l2a_span *doms;
    size_t n_doms, cap_doms;
    l2a_idset *ids; /* until the build: refuses duplicate ids */

    l2a_keymap *domain_map; /* registrable domain -> accounts */
    l2a_keymap *name_map;   /* name or alias key -> accounts */
    l2a_trigram_index *trigrams;

    /*
     * A matcher loaded from a snapshot reads its tables (arena, accounts,
     * aliases, doms, indexes) from this mapping; own_arena keeps the arena
     * it was created with.
     */
    l2a_snap_reader *snapshot;
    l2a_buf own_arena;

    pthread_mutex_t pool_lock;
    l2a_workspace **pool;
    size_t n_pool, cap_pool;

    l2a_buf scratch_text; /* normalization scratch for the non-concurrent calls */
    char errmsg[L2A_ERRMSG_SIZE];
};

static inline l2a_str l2a_span_str(const l2a_matcher *m, l2a_span sp)
{
    l2a_str s = {l2a_buf_str(&m->arena) + sp.off, sp.len};
    return s;
}

/* Takes a workspace from the pool (or makes one); NULL when out of memory. Thread-safe. */
l2a_workspace *l2a_workspace_acquire(const l2a_matcher *m);
void l2a_workspace_release(const l2a_matcher *m, l2a_workspace *ws);
void l2a_workspace_free(l2a_workspace *ws);
/* Makes sure ws->views holds n entries. */
int l2a_workspace_reserve_views(l2a_workspace *ws, size_t n);

#endif
