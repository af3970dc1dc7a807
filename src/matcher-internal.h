/* SPDX-License-Identifier: MIT */
/* The layout of l2a_matcher, shared by its lifecycle (matcher.c) and matching (match.c). */
#ifndef L2A_MATCHER_INTERNAL_H
#define L2A_MATCHER_INTERNAL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "domain-memo.h"
#include "domain.h"
#include "errors.h"
#include "pair-features.h"
#include "idset.h"
#include "keymap.h"
#include "l2a.h"
#include "name-similarity.h"
#include "normalize.h"
#include "scorer.h"
#include "snapshot-file.h"
#include "trigram.h"

/*
 * Strings of a segment live NUL-terminated in its arena (offset 0 holds ""),
 * named by their offset alone: their length is strlen's, since no value
 * holds a NUL (records refuse them). An account is 40 bytes.
 */
typedef struct l2a_account {
    uint32_t id;
    uint32_t name;   /* normalized key */
    uint32_t region; /* one copy of each distinct region or city, shared by the accounts (accounts.c) */
    uint32_t city;
    uint32_t phone;
    uint32_t first_alias; /* into aliases[] */
    uint32_t n_aliases;
    uint32_t first_domain; /* into doms[]: registrable domains, free-mail removed at build */
    uint32_t n_domains;
    char country[3];
} l2a_account;

/* One table of accounts with its indexes: the base, or the delta of account churn. */
typedef struct l2a_segment {
    l2a_buf arena; /* account strings, NUL-terminated; offset 0 holds "" */
    l2a_account *accounts; /* sorted by id once built */
    size_t n_accounts, cap_accounts;
    uint32_t *aliases; /* string offsets */
    size_t n_aliases, cap_aliases;
    uint32_t *doms;
    size_t n_doms, cap_doms;
    l2a_keymap *domain_map; /* registrable domain -> accounts */
    l2a_keymap *name_map;   /* name or alias key -> accounts */
    l2a_trigram_index *trigrams;
} l2a_segment;

/* A staged change: put (add or replace) an account, or remove one by id. */
typedef struct l2a_pending {
    int remove;
    l2a_account account; /* strings in delta's arena; only id for a removal */
} l2a_pending;

/* Candidate documents of the delta segment carry this bit. */
#define L2A_DELTA_DOC 0x80000000u

/* Per-match working memory, pooled on the matcher so matching allocates nothing in steady state. */
/* The accounts that list one domain of a person: the base's ids, then the delta's. */
typedef struct l2a_domain_listing {
    const uint32_t *base, *delta;
    size_t n_base, n_delta;
} l2a_domain_listing;

typedef struct l2a_workspace {
    l2a_tri_scratch *scratch;
    l2a_tri_scratch *delta_scratch;
    l2a_buf name, email_host, email_domain, website_host, website_domain, text, region, city;
    char phone[32];
    l2a_tri_hit *hits;
    size_t cap_hits;
    uint32_t *cands;
    size_t n_cands, cap_cands;
    l2a_str *views; /* alias and domain views of one account */
    size_t cap_views;
    l2a_person_prep prep; /* the person's side of the features, for all its candidates */
    l2a_domain_listing email_listing, website_listing; /* looked up once per person */
    l2a_domain_memo domains; /* registrable domains of the hosts seen lately */
} l2a_workspace;

/* Regions and cities are few: a small cache finds most repeats. */
#define L2A_PLACE_CACHE_SIZE 4096

#define L2A_DEFAULT_MARGIN 0.02
#define L2A_DEFAULT_MAX_CANDIDATES 8
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
    int name_search; /* l2a_name_search */
    int built;

    l2a_segment base;  /* what the first build (or a snapshot) made; read-only after that */
    l2a_idset *ids;    /* until the build: refuses duplicate ids */

    /*
     * Account churn after the build (churn.c): base accounts removed or
     * replaced are tombstoned in dead (one bit per base account); added or
     * replaced accounts live in delta, a segment with its own storage and
     * indexes, rebuilt at each build. Changes are staged in pending (their
     * strings in delta's arena) until the next build applies them.
     */
    uint8_t *dead;
    size_t n_dead;
    l2a_segment delta;
    l2a_pending *pending;
    size_t n_pending, cap_pending;
    l2a_idset *pending_ids; /* ids with a pending change (may over-approximate) */
    int base_mapped;        /* base tables live in the snapshot mapping */

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
    uint32_t places[L2A_PLACE_CACHE_SIZE]; /* recent region and city strings by hash (accounts.c) */
    char errmsg[L2A_ERRMSG_SIZE];
};

static inline const char *l2a_seg_cstr(const l2a_segment *seg, uint32_t off)
{
    return l2a_buf_str(&seg->arena) + off;
}

static inline l2a_str l2a_seg_str(const l2a_segment *seg, uint32_t off)
{
    const char *p = l2a_seg_cstr(seg, off);
    l2a_str s = {p, strlen(p)};
    return s;
}

static inline int l2a_base_dead(const l2a_matcher *m, uint32_t doc)
{
    return m->dead && (m->dead[doc >> 3] >> (doc & 7)) & 1;
}

/* build.c: sorts a segment's accounts by id, drops free-mail domains, builds its indexes (on failure none). */
int l2a_segment_build(const l2a_matcher *m, l2a_segment *seg);
void l2a_segment_discard_maps(l2a_segment *seg);
/* Frees what a segment owns (not for a mapped base). */
void l2a_segment_free(l2a_segment *seg);
/* accounts.c: normalizes a record into seg (strings, aliases, domains); rolls back on failure. */
int l2a_segment_fill(l2a_matcher *m, l2a_segment *seg, const l2a_record *rec, l2a_account *a);
/* Copies a string into seg's arena (the empty string is offset 0). */
int l2a_segment_intern(l2a_segment *seg, const char *s, size_t len, uint32_t *off);
/* The same for a region or a city, which reuses an equal string already in the arena when it can. */
int l2a_segment_intern_place(l2a_matcher *m, l2a_segment *seg, const char *s, size_t len, uint32_t *off);
/* Index of the account with this id in a built segment, or -1. */
long l2a_segment_find(const l2a_segment *seg, const char *id, size_t len);
/* churn.c */
void l2a_churn_free(l2a_matcher *m);
int l2a_churn_put(l2a_matcher *m, const l2a_record *account);
int l2a_churn_apply(l2a_matcher *m);
/* Drops pooled workspaces (their scratch is sized for the indexes they were made for). */
void l2a_workspace_pool_clear(l2a_matcher *m);

/* Section tags of a matcher's snapshot (snapshot.c); the indexes use [tag, tag + 16). */
enum {
    L2A_SNAP_TAG_META = 1,
    L2A_SNAP_TAG_MODEL = 2,
    L2A_SNAP_TAG_ARENA = 3,
    L2A_SNAP_TAG_ACCOUNTS = 4,
    L2A_SNAP_TAG_ALIASES = 5,
    L2A_SNAP_TAG_DOMAINS = 6,
    L2A_SNAP_TAG_FREEMAIL = 7,
    L2A_SNAP_TAG_DOMAIN_MAP = 100,
    L2A_SNAP_TAG_NAME_MAP = 200,
    L2A_SNAP_TAG_TRIGRAMS = 300,
};

/*
 * snapshot-check.c: the checks of a snapshot load that take a pass over the
 * large tables, run on a few threads: the checksums of the sections not in
 * verified (a bit set of section indexes), and the bounds of the account
 * tables and of the indexes that m->base views. L2A_OK,
 * L2A_ERR_SNAPSHOT_FORMAT (errmsg says what, naming path) or L2A_ERR_NOMEM.
 */
int l2a_snapshot_check(const l2a_matcher *m, const char *path, uint64_t verified, char *errmsg);

/* Takes a workspace from the pool (or makes one); NULL when out of memory. Thread-safe. */
l2a_workspace *l2a_workspace_acquire(const l2a_matcher *m);
void l2a_workspace_release(const l2a_matcher *m, l2a_workspace *ws);
void l2a_workspace_free(l2a_workspace *ws);
/* Makes sure ws->views holds n entries. */
int l2a_workspace_reserve_views(l2a_workspace *ws, size_t n);

#endif
