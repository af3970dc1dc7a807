/* SPDX-License-Identifier: MIT */
/*
 * Building: each added key is one *entry* of a document. While keys are
 * added, their trigrams are counted (document frequency per trigram, in a
 * hash table that gives each trigram a dense id); the keys are kept in one
 * byte arena. Freezing computes the IDF weights and the posting list
 * offsets, renumbers the entries in document order, and extracts each key a
 * second time to fill the posting lists, which thus come out in ascending
 * entry order without sorting and without a (trigram, entry) pair per
 * posting. The index keeps the keys, to verify candidates exactly.
 *
 * Queries are in trigram-query.c.
 */
#include "trigram-private.h"

#include <math.h>
#include <string.h>

#include "alloc.h"
#include "sort.h"
#include "buf.h"
#include "l2a.h"

#define NO_ENTRY UINT32_MAX

/*
 * Trigrams in more entries than N / 50 (and more than 256) get no posting
 * list: walking one would cost more than it tells, and their IDF is below
 * ln(51), a small share of a typical key's weight. They still count in every
 * score, through the sketches and the exact verification. The cap also
 * bounds the postings a query walks past its budget.
 */
#define CAP_MIN_ENTRIES 256
#define CAP_DIVISOR 50

/*
 * Postings walked per query for candidates (the last list walked may end
 * past it). A name's neighbours spread over longer lists as the index grows,
 * so the budget grows with it: n_entries / 256, within these bounds.
 */
#define WALK_BUDGET_MIN 512
#define WALK_BUDGET_MAX 4096
#define WALK_BUDGET_DIVISOR 256

typedef struct tri_entry {
    size_t key_off;
    uint32_t key_len;
    uint32_t doc;
} tri_entry;

struct l2a_tri_builder {
    tri_entry *entries;
    uint32_t n_entries;
    uint32_t cap_entries;
    l2a_buf arena;
    tri_table table;
    uint32_t *df;    /* [tid] entries holding the trigram */
    uint32_t *stamp; /* [tid] the last entry that counted it, for de-duplication */
    uint32_t cap_trigrams;
};

/* ---- extraction ---- */

/*
 * The key's trigram windows, repeats included, each packed as three bytes:
 * every token is read as "  " + token + " ", which gives length + 1 windows.
 */
size_t l2a_tri_key_windows(const char *key, size_t len, uint32_t *out)
{
    size_t count = 0, i = 0;

    while (i < len && count < L2A_TRI_MAX_TRIGRAMS) {
        uint32_t w = (uint32_t)' ' << 8 | ' ';

        while (i < len && key[i] == ' ')
            i++;
        if (i == len)
            break;
        for (; i < len && key[i] != ' ' && count < L2A_TRI_MAX_TRIGRAMS; i++) {
            w = (w << 8 | (unsigned char)key[i]) & 0xffffffu;
            out[count++] = w;
        }
        if (count < L2A_TRI_MAX_TRIGRAMS)
            out[count++] = (w << 8 | ' ') & 0xffffffu;
    }
    return count;
}

static void sift_down_u64(uint64_t *v, size_t root, size_t n)
{
    for (;;) {
        size_t child = 2 * root + 1;
        uint64_t t;

        if (child >= n)
            return;
        if (child + 1 < n && v[child] < v[child + 1])
            child++;
        if (v[root] >= v[child])
            return;
        t = v[root];
        v[root] = v[child];
        v[child] = t;
        root = child;
    }
}

/* Insertion sort for the usual short keys, heapsort to bound the long ones. */
void l2a_tri_sort_u64(uint64_t *v, size_t n)
{
    if (n <= 48) {
        l2a_insertion_sort_u64(v, n);
        return;
    }
    for (size_t i = n / 2; i-- > 0;)
        sift_down_u64(v, i, n);
    for (size_t end = n - 1; end > 0; end--) {
        uint64_t t = v[0];

        v[0] = v[end];
        v[end] = t;
        sift_down_u64(v, 0, end);
    }
}

size_t l2a_tri_sort_unique_u64(uint64_t *v, size_t n)
{
    size_t kept = 0;

    l2a_tri_sort_u64(v, n);
    for (size_t i = 0; i < n; i++)
        if (kept == 0 || v[kept - 1] != v[i])
            v[kept++] = v[i];
    return kept;
}

/* The key's trigram set as sorted, distinct hashes; out holds L2A_TRI_MAX_TRIGRAMS. */
size_t l2a_tri_set(const char *key, size_t len, uint64_t *out)
{
    uint32_t windows[L2A_TRI_MAX_TRIGRAMS];
    size_t n;

    if (!key)
        return 0;
    n = l2a_tri_key_windows(key, len, windows);
    for (size_t i = 0; i < n; i++)
        out[i] = l2a_tri_window_hash(windows[i]);
    return l2a_tri_sort_unique_u64(out, n);
}

size_t l2a_tri_extract(const char *key, size_t len, uint64_t *out, size_t cap)
{
    uint64_t set[L2A_TRI_MAX_TRIGRAMS];
    size_t n = l2a_tri_set(key, len, set);

    if (out)
        memcpy(out, set, (n < cap ? n : cap) * sizeof *out);
    return n;
}

/*
 * Similarity works on packed windows, not hashes: the same sets (XXH3 of
 * three bytes does not collide), without hashing or sorting. Both keys'
 * windows go into one small open-addressing set; a slot holds the window,
 * bit 31 (used) and a bit per side that holds it.
 */
#define SIM_SLOTS (4 * L2A_TRI_MAX_TRIGRAMS)
#define SIM_USED 0x80000000u
#define SIM_IN_A 0x01000000u
#define SIM_IN_B 0x02000000u

/* Adds a key's windows for one side: how many were new to that side, and of those, shared. */
static size_t add_side(uint32_t *slot, uint32_t mask, const char *key, size_t len, uint32_t side,
                       size_t *shared)
{
    uint32_t windows[L2A_TRI_MAX_TRIGRAMS];
    size_t n = key ? l2a_tri_key_windows(key, len, windows) : 0, distinct = 0;

    for (size_t i = 0; i < n; i++) {
        uint32_t w = windows[i], s = (w * UINT32_C(0x9E3779B1)) >> 7 & mask;

        while (slot[s] && (slot[s] & 0xffffffu) != w)
            s = (s + 1) & mask;
        if (!slot[s])
            slot[s] = SIM_USED | w;
        if (!(slot[s] & side)) {
            distinct++;
            *shared += (slot[s] & (SIM_IN_A | SIM_IN_B)) != 0;
            slot[s] |= side;
        }
    }
    return distinct;
}

/*
 * The slots of the set of two keys. A key of len bytes has at most 1.5 len
 * + 1 windows: the set stays at most 3/4 full. The counts do not depend on
 * the size, as long as the set never fills.
 */
static uint32_t sim_set_size(size_t alen, size_t blen)
{
    uint32_t size = 64;

    while (size < SIM_SLOTS && (alen >= size || blen >= size || 2 * (alen + blen + 4) > size))
        size *= 2;
    return size;
}

static double jaccard(size_t na, size_t nb, size_t shared)
{
    if (na + nb == 0)
        return 0.0;
    return (double)shared / (double)(na + nb - shared);
}

double l2a_tri_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
    uint32_t slot[SIM_SLOTS];
    uint32_t size = sim_set_size(alen, blen);
    size_t shared = 0, na, nb;

    memset(slot, 0, size * sizeof *slot);
    na = add_side(slot, size - 1, a, alen, SIM_IN_A, &shared);
    nb = add_side(slot, size - 1, b, blen, SIM_IN_B, &shared);
    return jaccard(na, nb, shared);
}

/*
 * The set is sized for a partner of up to 64 bytes (or as long as the key);
 * an empty key, or one too long for L2A_TRI_SIM_KEY_SLOTS, is not prepared
 * (size 0: each similarity is computed in full).
 */
void l2a_tri_sim_prepare(l2a_tri_sim_key *k, const char *key, size_t len)
{
    size_t shared = 0;

    k->key = key;
    k->len = len;
    k->size = sim_set_size(len, len > 64 ? len : 64);
    k->n = 0;
    if (len == 0 || k->size > L2A_TRI_SIM_KEY_SLOTS) {
        k->size = 0;
        return;
    }
    memset(k->slot, 0, k->size * sizeof *k->slot);
    k->n = add_side(k->slot, k->size - 1, key, len, SIM_IN_A, &shared);
}

/* A copy of the prepared set takes the other key's windows, as l2a_tri_similarity's would. */
double l2a_tri_similarity_with(const l2a_tri_sim_key *k, const char *b, size_t blen)
{
    uint32_t slot[L2A_TRI_SIM_KEY_SLOTS];
    size_t shared = 0, nb;

    if (sim_set_size(k->len, blen) > k->size)
        return l2a_tri_similarity(k->key, k->len, b, blen);
    memcpy(slot, k->slot, k->size * sizeof *slot);
    nb = add_side(slot, k->size - 1, b, blen, SIM_IN_B, &shared);
    return jaccard(k->n, nb, shared);
}

/* ---- the trigram table ---- */

static void table_place(tri_table *t, uint64_t hash, uint32_t tid)
{
    size_t i = (size_t)hash & t->mask;

    while (t->slots[i].tid != NO_TRIGRAM)
        i = (i + 1) & t->mask;
    t->slots[i].hash = hash;
    t->slots[i].tid = tid;
}

/* Grows the table so that `extra` more trigrams keep the load at most 0.5. */
static int table_reserve(tri_table *t, size_t extra)
{
    size_t need = 2 * ((size_t)t->count + extra), size = t->slots ? t->mask + 1 : 0;
    size_t new_size = size ? size : 64;
    tri_table grown;

    if (need <= size)
        return L2A_OK;
    while (new_size < need)
        new_size *= 2;
    /* Zeroed, padding included, so that a snapshot of the table is the same bytes every time. */
    grown.slots = l2a_calloc(new_size, sizeof *grown.slots);
    if (!grown.slots)
        return L2A_ERR_NOMEM;
    grown.mask = new_size - 1;
    grown.count = t->count;
    for (size_t i = 0; i < new_size; i++)
        grown.slots[i].tid = NO_TRIGRAM;
    for (size_t i = 0; i < size; i++)
        if (t->slots[i].tid != NO_TRIGRAM)
            table_place(&grown, t->slots[i].hash, t->slots[i].tid);
    l2a_free(t->slots);
    *t = grown;
    return L2A_OK;
}

/* ---- the builder ---- */

int l2a_tri_builder_new(l2a_tri_builder **out)
{
    l2a_tri_builder *b;

    if (!out)
        return L2A_ERR_INVALID_ARGUMENT;
    *out = NULL;
    b = l2a_calloc(1, sizeof *b);
    if (!b)
        return L2A_ERR_NOMEM;
    l2a_buf_init(&b->arena);
    *out = b;
    return L2A_OK;
}

void l2a_tri_builder_free(l2a_tri_builder *b)
{
    if (!b)
        return;
    l2a_free(b->entries);
    l2a_buf_free(&b->arena);
    l2a_free(b->table.slots);
    l2a_free(b->df);
    l2a_free(b->stamp);
    l2a_free(b);
}

static int grow_u32(uint32_t **v, size_t cap)
{
    uint32_t *grown = l2a_reallocarray(*v, cap, sizeof *grown);

    if (!grown)
        return L2A_ERR_NOMEM;
    *v = grown;
    return L2A_OK;
}

static int reserve_entry(l2a_tri_builder *b)
{
    uint32_t cap;
    tri_entry *grown;

    if (b->n_entries < b->cap_entries)
        return L2A_OK;
    if (b->cap_entries >= UINT32_MAX / 2)
        return L2A_ERR_NOMEM;
    cap = b->cap_entries ? b->cap_entries * 2 : 64;
    grown = l2a_reallocarray(b->entries, cap, sizeof *grown);
    if (!grown)
        return L2A_ERR_NOMEM;
    b->entries = grown;
    b->cap_entries = cap;
    return L2A_OK;
}

/* Room for one more entry with `extra` new trigrams, so that adding cannot fail half-way. */
static int builder_reserve(l2a_tri_builder *b, size_t key_len, size_t extra)
{
    size_t need = (size_t)b->table.count + extra;
    int rc;

    if (need >= UINT32_MAX / 2)
        return L2A_ERR_NOMEM;
    if ((rc = reserve_entry(b)))
        return rc;
    if (need > b->cap_trigrams) {
        size_t cap = b->cap_trigrams ? 2 * (size_t)b->cap_trigrams : 1024;

        while (cap < need)
            cap *= 2;
        if ((rc = grow_u32(&b->df, cap)) || (rc = grow_u32(&b->stamp, cap)))
            return rc;
        b->cap_trigrams = (uint32_t)cap;
    }
    if ((rc = table_reserve(&b->table, extra)))
        return rc;
    return l2a_buf_reserve(&b->arena, key_len);
}

static void count_trigram(l2a_tri_builder *b, uint64_t hash, uint32_t entry)
{
    uint32_t tid = l2a_tri_table_find(&b->table, hash);

    if (tid == NO_TRIGRAM) {
        tid = b->table.count++;
        table_place(&b->table, hash, tid);
        b->df[tid] = 0;
        b->stamp[tid] = NO_ENTRY;
    }
    if (b->stamp[tid] != entry) {
        b->stamp[tid] = entry;
        b->df[tid]++;
    }
}

int l2a_tri_builder_add(l2a_tri_builder *b, uint32_t doc, const char *key, size_t len)
{
    uint32_t windows[L2A_TRI_MAX_TRIGRAMS];
    size_t n;
    tri_entry *e;
    int rc;

    if (!b || (!key && len))
        return L2A_ERR_INVALID_ARGUMENT;
    if (len > UINT32_MAX)
        return L2A_ERR_TOO_LONG;
    n = key ? l2a_tri_key_windows(key, len, windows) : 0;
    if (n == 0)
        return L2A_OK;
    if ((rc = builder_reserve(b, len, n)))
        return rc;
    e = &b->entries[b->n_entries];
    e->key_off = b->arena.len;
    e->key_len = (uint32_t)len;
    e->doc = doc;
    if ((rc = l2a_buf_append(&b->arena, key, len))) /* reserved: cannot fail */
        return rc;
    for (size_t i = 0; i < n; i++)
        count_trigram(b, l2a_tri_window_hash(windows[i]), b->n_entries);
    b->n_entries++;
    return L2A_OK;
}

/* ---- freezing ---- */

void l2a_tri_free(l2a_trigram_index *idx)
{
    if (!idx)
        return;
    l2a_words_free(idx->words);
    if (idx->borrowed) {
        l2a_free(idx);
        return;
    }
    l2a_free(idx->table.slots);
    l2a_free(idx->idf);
    l2a_free(idx->list_off);
    l2a_free(idx->postings);
    l2a_free(idx->entry);
    l2a_free(idx->sketch);
    l2a_free(idx->keys);
    l2a_free(idx);
}

static uint32_t listing_cap(uint32_t n_entries)
{
    uint32_t cap = n_entries / CAP_DIVISOR;

    return cap > CAP_MIN_ENTRIES ? cap : CAP_MIN_ENTRIES;
}

uint32_t l2a_tri_walk_budget(uint32_t n_entries)
{
    uint32_t budget = n_entries / WALK_BUDGET_DIVISOR;

    return budget < WALK_BUDGET_MIN ? WALK_BUDGET_MIN
                                    : budget > WALK_BUDGET_MAX ? WALK_BUDGET_MAX : budget;
}

/* IDF per trigram and list offsets; df becomes each list's fill cursor. */
static int plan_lists(l2a_trigram_index *idx, uint32_t *df)
{
    uint32_t n_tri = idx->table.count;
    uint64_t total = 0;

    idx->list_cap = listing_cap(idx->n_entries);
    idx->walk_budget = l2a_tri_walk_budget(idx->n_entries);
    idx->idf = l2a_mallocarray(n_tri ? n_tri : 1, sizeof *idx->idf);
    idx->list_off = l2a_mallocarray((size_t)n_tri + 1, sizeof *idx->list_off);
    if (!idx->idf || !idx->list_off)
        return L2A_ERR_NOMEM;
    for (uint32_t t = 0; t < n_tri; t++) {
        idx->idf[t] = (float)log1p((double)idx->n_entries / df[t]);
        idx->list_off[t] = (uint32_t)total;
        if (df[t] <= idx->list_cap)
            total += df[t];
        if (total > UINT32_MAX)
            return L2A_ERR_NOMEM;
        df[t] = idx->list_off[t];
    }
    idx->list_off[n_tri] = (uint32_t)total;
    idx->postings = l2a_mallocarray(total ? (size_t)total : 1, sizeof *idx->postings);
    return idx->postings ? L2A_OK : L2A_ERR_NOMEM;
}

/* Entry numbers in document order (stable): a counting sort on the document. */
static int order_by_doc(const l2a_tri_builder *b, uint32_t n_docs, uint32_t **out)
{
    uint32_t *start = l2a_calloc((size_t)n_docs + 1, sizeof *start);
    uint32_t *order = l2a_mallocarray(b->n_entries ? b->n_entries : 1, sizeof *order);

    if (!start || !order) {
        l2a_free(start);
        l2a_free(order);
        return L2A_ERR_NOMEM;
    }
    for (uint32_t e = 0; e < b->n_entries; e++)
        start[b->entries[e].doc + 1]++;
    for (uint32_t d = 0; d < n_docs; d++)
        start[d + 1] += start[d];
    for (uint32_t e = 0; e < b->n_entries; e++)
        order[start[b->entries[e].doc]++] = e;
    l2a_free(start);
    *out = order;
    return L2A_OK;
}

static uint8_t quantize_norm(double norm)
{
    double level = floor(log2(norm) * NORM_STEPS_PER_OCTAVE + 0.5);

    return (uint8_t)(level < 0 ? 0 : level > 255 ? 255 : level);
}

static void fill_inverse_norms(l2a_trigram_index *idx)
{
    for (int q = 0; q < 256; q++)
        idx->inv_norm_q[q] = (float)exp2(-q / NORM_STEPS_PER_OCTAVE);
}

/* Lists entry `entry` (the builder's entry `from`) and computes its norm and sketch. */
static void index_entry(l2a_trigram_index *idx, l2a_tri_builder *b, uint32_t entry, uint32_t from)
{
    const tri_entry *e = &b->entries[from];
    tri_entry_info *info = &idx->entry[entry];
    uint32_t windows[L2A_TRI_MAX_TRIGRAMS];
    size_t n = l2a_tri_key_windows(b->arena.data + e->key_off, e->key_len, windows);
    uint32_t *cursor = b->df;
    uint64_t sketch = 0;
    double norm2 = 0.0;

    for (size_t i = 0; i < n; i++) {
        uint64_t hash = l2a_tri_window_hash(windows[i]);
        uint32_t tid = l2a_tri_table_find(&idx->table, hash);
        double idf = idx->idf[tid];

        if (b->stamp[tid] == entry)
            continue;
        b->stamp[tid] = entry;
        norm2 += idf * idf;
        sketch |= (uint64_t)1 << l2a_tri_sketch_bit(hash);
        /* A capped list is empty: its cursor already stands at its end. */
        if (cursor[tid] < idx->list_off[tid + 1])
            idx->postings[cursor[tid]++] = entry;
    }
    info->doc = e->doc;
    info->norm = (float)sqrt(norm2);
    idx->sketch[entry] = sketch | (uint64_t)quantize_norm(info->norm) << SKETCH_BITS;
    info->key_off = (uint32_t)e->key_off;
    info->key_len = e->key_len;
}

static int alloc_entries(l2a_trigram_index *idx)
{
    size_t n = idx->n_entries ? idx->n_entries : 1;

    idx->entry = l2a_mallocarray(n, sizeof *idx->entry);
    idx->sketch = l2a_mallocarray(n, sizeof *idx->sketch);
    if (!idx->entry || !idx->sketch)
        return L2A_ERR_NOMEM;
    fill_inverse_norms(idx);
    return L2A_OK;
}

/* The index keeps the builder's key arena, trimmed to size (if trimming fails, as is). */
static void adopt_keys(l2a_trigram_index *idx, l2a_tri_builder *b)
{
    char *trimmed = b->arena.data ? l2a_realloc(b->arena.data, b->arena.len + 1) : NULL;

    idx->keys = trimmed ? trimmed : b->arena.data;
    l2a_buf_init(&b->arena);
}

static int fill_index(l2a_trigram_index *idx, l2a_tri_builder *b)
{
    uint32_t *order = NULL;
    int rc;

    if (b->arena.len > UINT32_MAX)
        return L2A_ERR_NOMEM;
    if ((rc = order_by_doc(b, idx->n_docs, &order)) || (rc = alloc_entries(idx))) {
        l2a_free(order);
        return rc;
    }
    if (b->stamp)
        memset(b->stamp, 0xff, (size_t)idx->table.count * sizeof *b->stamp);
    for (uint32_t i = 0; i < idx->n_entries; i++)
        index_entry(idx, b, i, order[i]);
    l2a_free(order);
    adopt_keys(idx, b);
    return L2A_OK;
}

static int docs_in_range(const l2a_tri_builder *b, uint32_t n_docs)
{
    for (uint32_t e = 0; e < b->n_entries; e++)
        if (b->entries[e].doc >= n_docs)
            return 0;
    return 1;
}

static const char *entry_key(const void *ctx, uint32_t entry, size_t *len)
{
    const l2a_trigram_index *idx = ctx;

    *len = idx->entry[entry].key_len;
    return idx->keys + idx->entry[entry].key_off;
}

int l2a_tri_build(l2a_tri_builder *b, uint32_t n_docs, l2a_trigram_index **out)
{
    l2a_trigram_index *idx;
    int rc;

    if (out)
        *out = NULL;
    if (!b || !out || !docs_in_range(b, n_docs)) {
        l2a_tri_builder_free(b);
        return L2A_ERR_INVALID_ARGUMENT;
    }
    idx = l2a_calloc(1, sizeof *idx);
    if (!idx) {
        l2a_tri_builder_free(b);
        return L2A_ERR_NOMEM;
    }
    idx->n_docs = n_docs;
    idx->n_entries = b->n_entries;
    idx->max_idf = log1p((double)b->n_entries);
    /* The table moves to the index: trigram ids stay as they were counted. */
    idx->table = b->table;
    b->table.slots = NULL;
    rc = plan_lists(idx, b->df);
    if (rc == L2A_OK)
        rc = fill_index(idx, b);
    l2a_tri_builder_free(b);
    if (rc == L2A_OK)
        rc = l2a_words_build(idx->n_entries, entry_key, idx, &idx->words);
    if (rc) {
        l2a_tri_free(idx);
        return rc;
    }
    *out = idx;
    return L2A_OK;
}
