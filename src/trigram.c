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
 * Querying is two-staged, so that its cost does not grow with the index:
 * - candidates: the query's posting lists are walked rarest first, adding
 *   shared IDF^2 mass into per-thread accumulators, until a budget of
 *   postings is spent (the rarest list is always walked);
 * - verification: the entries with the most shared mass (at least k, at
 *   least POOL_MIN) are scored exactly, by extracting their keys again and
 *   intersecting with the query's trigram set, all entries of their document
 *   with them; a document scores as its best entry.
 * The score is the exact IDF-weighted cosine over all trigrams, capped ones
 * included. In a small index every list fits the budget, so the only
 * approximation left is the pool; in a large one, a document sharing none of
 * the query's rarer trigrams is not found, which is by design.
 */
#include "trigram-private.h"

#include <math.h>
#include <string.h>
#include <xxhash.h>

#include "alloc.h"
#include "buf.h"
#include "l2a.h"

#define NO_ENTRY UINT32_MAX

/*
 * Trigrams in more entries than this are not listed: at a million entries a
 * cap of N / 50 keeps each list under 20,000 ids, and such a trigram's IDF is
 * below ln(51), a small share of a typical key's weight. Small indexes keep
 * lists up to 256 entries, which cost little.
 */
#define CAP_MIN_ENTRIES 256
#define CAP_DIVISOR 50

/* Postings walked per query for candidates (beyond the rarest list). */
#define WALK_BUDGET 4096
/* Candidates whose sketch is read, at most (the best by a cheap estimate). */
#define SHORTLIST 256
/* Entries verified exactly per query, at least (and at least k). */
#define POOL_MIN 64
/* Norms are kept on a log scale in one byte too: 32 steps per doubling. */
#define NORM_STEPS_PER_OCTAVE 32.0

/* A query's trigram set lives in a small hash table of this many slots at most. */
#define PLAN_SLOTS (2 * L2A_TRI_MAX_TRIGRAMS)


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


struct l2a_tri_scratch {
    const l2a_trigram_index *idx;
    float *acc;        /* [entry] shared IDF^2 mass so far; 0 when untouched */
    uint32_t *touched; /* entries with acc != 0, to reset only those */
    l2a_tri_hit *pool; /* the entries to verify, as (entry, estimate) */
};

/* ---- extraction ---- */

/*
 * The key's trigram windows, repeats included, each packed as three bytes:
 * every token is read as "  " + token + " ", which gives length + 1 windows.
 */
static size_t key_windows(const char *key, size_t len, uint32_t *out)
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

static uint64_t window_hash(uint32_t w)
{
    const unsigned char bytes[3] = {(unsigned char)(w >> 16), (unsigned char)(w >> 8),
                                    (unsigned char)w};

    return XXH3_64bits(bytes, sizeof bytes);
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
static void sort_u64(uint64_t *v, size_t n)
{
    if (n <= 48) {
        for (size_t i = 1; i < n; i++) {
            uint64_t x = v[i];
            size_t j = i;

            for (; j > 0 && v[j - 1] > x; j--)
                v[j] = v[j - 1];
            v[j] = x;
        }
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

static size_t sort_unique_u64(uint64_t *v, size_t n)
{
    size_t kept = 0;

    sort_u64(v, n);
    for (size_t i = 0; i < n; i++)
        if (kept == 0 || v[kept - 1] != v[i])
            v[kept++] = v[i];
    return kept;
}

/* The key's trigram set as sorted, distinct hashes; out holds L2A_TRI_MAX_TRIGRAMS. */
static size_t trigram_set(const char *key, size_t len, uint64_t *out)
{
    uint32_t windows[L2A_TRI_MAX_TRIGRAMS];
    size_t n;

    if (!key)
        return 0;
    n = key_windows(key, len, windows);
    for (size_t i = 0; i < n; i++)
        out[i] = window_hash(windows[i]);
    return sort_unique_u64(out, n);
}

size_t l2a_tri_extract(const char *key, size_t len, uint64_t *out, size_t cap)
{
    uint64_t set[L2A_TRI_MAX_TRIGRAMS];
    size_t n = trigram_set(key, len, set);

    if (out)
        memcpy(out, set, (n < cap ? n : cap) * sizeof *out);
    return n;
}

double l2a_tri_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
    uint64_t sa[L2A_TRI_MAX_TRIGRAMS], sb[L2A_TRI_MAX_TRIGRAMS];
    size_t na = trigram_set(a, alen, sa), nb = trigram_set(b, blen, sb);
    size_t i = 0, j = 0, shared = 0;

    while (i < na && j < nb) {
        if (sa[i] == sb[j]) {
            shared++;
            i++;
            j++;
        } else if (sa[i] < sb[j]) {
            i++;
        } else {
            j++;
        }
    }
    if (na + nb == 0)
        return 0.0;
    return (double)shared / (double)(na + nb - shared);
}

/* ---- the trigram table ---- */

static uint32_t table_find(const tri_table *t, uint64_t hash)
{
    if (!t->slots)
        return NO_TRIGRAM;
    for (size_t i = (size_t)hash & t->mask;; i = (i + 1) & t->mask) {
        if (t->slots[i].tid == NO_TRIGRAM || t->slots[i].hash == hash)
            return t->slots[i].tid;
    }
}

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
    uint32_t tid = table_find(&b->table, hash);

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
    n = key ? key_windows(key, len, windows) : 0;
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
        count_trigram(b, window_hash(windows[i]), b->n_entries);
    b->n_entries++;
    return L2A_OK;
}

/* ---- freezing ---- */

void l2a_tri_free(l2a_trigram_index *idx)
{
    if (!idx)
        return;
    if (idx->borrowed) {
        l2a_free(idx);
        return;
    }
    l2a_free(idx->table.slots);
    l2a_free(idx->idf);
    l2a_free(idx->list_off);
    l2a_free(idx->postings);
    l2a_free(idx->entry_block);
    l2a_free(idx->norm_q);
    l2a_free(idx->keys);
    l2a_free(idx);
}

static uint32_t listing_cap(uint32_t n_entries)
{
    uint32_t cap = n_entries / CAP_DIVISOR;

    return cap > CAP_MIN_ENTRIES ? cap : CAP_MIN_ENTRIES;
}

/* IDF per trigram and list offsets; df becomes each list's fill cursor. */
static int plan_lists(l2a_trigram_index *idx, uint32_t *df)
{
    uint32_t n_tri = idx->table.count;
    uint64_t total = 0;

    idx->list_cap = listing_cap(idx->n_entries);
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

static unsigned sketch_bit(uint64_t hash)
{
    return (unsigned)(hash >> 57);
}

static int sketch_has(const tri_entry_info *info, unsigned bit)
{
    return (int)(info->sketch[bit >> 6] >> (bit & 63)) & 1;
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
    size_t n = key_windows(b->arena.data + e->key_off, e->key_len, windows);
    uint32_t *cursor = b->df;
    double norm2 = 0.0;

    info->sketch[0] = info->sketch[1] = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t hash = window_hash(windows[i]);
        uint32_t tid = table_find(&idx->table, hash);
        double idf = idx->idf[tid];
        unsigned bit = sketch_bit(hash);

        if (b->stamp[tid] == entry)
            continue;
        b->stamp[tid] = entry;
        norm2 += idf * idf;
        info->sketch[bit >> 6] |= (uint64_t)1 << (bit & 63);
        /* A capped list is empty: its cursor already stands at its end. */
        if (cursor[tid] < idx->list_off[tid + 1])
            idx->postings[cursor[tid]++] = entry;
    }
    info->doc = e->doc;
    info->norm = (float)sqrt(norm2);
    idx->norm_q[entry] = quantize_norm(info->norm);
    info->key_off = (uint32_t)e->key_off;
    info->key_len = e->key_len;
}

/* Entry records start on a cache line: 64 spare bytes leave room to align. */
static int alloc_entries(l2a_trigram_index *idx)
{
    uintptr_t at;

    idx->entry_block = l2a_mallocarray((size_t)idx->n_entries + 2, sizeof *idx->entry);
    if (!idx->entry_block)
        return L2A_ERR_NOMEM;
    at = ((uintptr_t)idx->entry_block + 63) & ~(uintptr_t)63;
    idx->entry = (tri_entry_info *)at;
    idx->norm_q = l2a_malloc(idx->n_entries ? idx->n_entries : 1);
    if (!idx->norm_q)
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
    if (rc) {
        l2a_tri_free(idx);
        return rc;
    }
    *out = idx;
    return L2A_OK;
}

/* ---- per-thread scratch ---- */

/* Walking stops once the budget is spent, so no query touches more entries than this. */
static size_t touch_limit(const l2a_trigram_index *idx)
{
    size_t limit = (size_t)WALK_BUDGET + idx->list_cap;

    return idx->n_entries < limit ? (idx->n_entries ? idx->n_entries : 1) : limit;
}

int l2a_tri_scratch_new(const l2a_trigram_index *idx, l2a_tri_scratch **out)
{
    l2a_tri_scratch *s;

    if (!out)
        return L2A_ERR_INVALID_ARGUMENT;
    *out = NULL;
    if (!idx)
        return L2A_ERR_INVALID_ARGUMENT;
    s = l2a_calloc(1, sizeof *s);
    if (!s)
        return L2A_ERR_NOMEM;
    s->idx = idx;
    s->acc = l2a_calloc(idx->n_entries ? idx->n_entries : 1, sizeof *s->acc);
    s->touched = l2a_mallocarray(touch_limit(idx), sizeof *s->touched);
    s->pool = l2a_mallocarray(touch_limit(idx), sizeof *s->pool);
    if (!s->acc || !s->touched || !s->pool) {
        l2a_tri_scratch_free(s);
        return L2A_ERR_NOMEM;
    }
    *out = s;
    return L2A_OK;
}

void l2a_tri_scratch_free(l2a_tri_scratch *s)
{
    if (!s)
        return;
    l2a_free(s->acc);
    l2a_free(s->touched);
    l2a_free(s->pool);
    l2a_free(s);
}

/* ---- the query's trigram set, with weights, in a small hash table ---- */

typedef struct query_plan {
    uint32_t window[L2A_TRI_MAX_TRIGRAMS]; /* distinct, ascending */
    double weight[L2A_TRI_MAX_TRIGRAMS];   /* idf^2 */
    uint32_t tid[L2A_TRI_MAX_TRIGRAMS];
    uint32_t seen[L2A_TRI_MAX_TRIGRAMS]; /* the verification that last counted it */
    uint8_t bit[L2A_TRI_MAX_TRIGRAMS];   /* sketch bit */
    uint8_t walked[L2A_TRI_MAX_TRIGRAMS];
    size_t n;
    double norm;
    uint16_t slot[PLAN_SLOTS]; /* window index + 1; 0 when free */
    uint32_t slot_mask;
    unsigned slot_shift;
} query_plan;

static uint32_t plan_slot_of(const query_plan *p, uint32_t window)
{
    return (uint32_t)(window * UINT32_C(0x9E3779B1)) >> p->slot_shift;
}

static void plan_index_windows(query_plan *p)
{
    unsigned bits = 4;

    while (((size_t)1 << bits) < 2 * p->n)
        bits++;
    p->slot_mask = ((uint32_t)1 << bits) - 1;
    p->slot_shift = 32 - bits;
    memset(p->slot, 0, ((size_t)p->slot_mask + 1) * sizeof *p->slot);
    for (size_t i = 0; i < p->n; i++) {
        uint32_t s = plan_slot_of(p, p->window[i]);

        while (p->slot[s])
            s = (s + 1) & p->slot_mask;
        p->slot[s] = (uint16_t)(i + 1);
    }
}

static size_t plan_find(const query_plan *p, uint32_t window)
{
    for (uint32_t s = plan_slot_of(p, window); p->slot[s]; s = (s + 1) & p->slot_mask)
        if (p->window[p->slot[s] - 1] == window)
            return p->slot[s] - 1u;
    return SIZE_MAX;
}

static void make_plan(const l2a_trigram_index *idx, const char *key, size_t len, query_plan *p)
{
    uint64_t distinct[L2A_TRI_MAX_TRIGRAMS];
    double norm2 = 0.0;

    p->n = key_windows(key, len, p->window);
    for (size_t i = 0; i < p->n; i++)
        distinct[i] = p->window[i];
    p->n = sort_unique_u64(distinct, p->n);
    for (size_t i = 0; i < p->n; i++) {
        uint64_t hash = window_hash((uint32_t)distinct[i]);
        uint32_t tid = table_find(&idx->table, hash);
        double idf = tid == NO_TRIGRAM ? idx->max_idf : idx->idf[tid];

        p->window[i] = (uint32_t)distinct[i];
        p->tid[i] = tid;
        p->weight[i] = idf * idf;
        p->seen[i] = 0;
        p->bit[i] = (uint8_t)sketch_bit(hash);
        p->walked[i] = 0;
        norm2 += p->weight[i];
    }
    p->norm = sqrt(norm2);
    plan_index_windows(p);
}

/* ---- stage 1: candidates from the rarest lists ---- */

static size_t list_length(const l2a_trigram_index *idx, uint32_t tid)
{
    return idx->list_off[tid + 1] - idx->list_off[tid];
}

/* The listed trigrams, shortest list first, as (length << 8 | plan index). */
static size_t order_lists(const l2a_trigram_index *idx, const query_plan *p, uint64_t *order)
{
    size_t n = 0;

    for (size_t i = 0; i < p->n; i++)
        if (p->tid[i] != NO_TRIGRAM && list_length(idx, p->tid[i]) > 0)
            order[n++] = (uint64_t)list_length(idx, p->tid[i]) << 8 | i;
    sort_u64(order, n);
    return n;
}

static size_t walk_lists(const l2a_trigram_index *idx, l2a_tri_scratch *s, query_plan *p,
                         const uint64_t *order, size_t n_lists)
{
    float *acc = s->acc;
    uint32_t *touched = s->touched;
    size_t n_touched = 0, walked = 0;

    for (size_t l = 0; l < n_lists && walked < WALK_BUDGET; l++) {
        size_t i = (size_t)(order[l] & 0xff);
        const uint32_t *e = idx->postings + idx->list_off[p->tid[i]];
        const uint32_t *end = e + list_length(idx, p->tid[i]);
        float w = (float)p->weight[i];

        p->walked[i] = 1;
        walked += (size_t)(end - e);
        for (; e < end; e++) {
            if (acc[*e] == 0.0f)
                touched[n_touched++] = *e;
            acc[*e] += w;
        }
    }
    return n_touched;
}

/* ---- top k: a heap whose root is the worst hit kept ---- */

static int hit_worse(const l2a_tri_hit *a, const l2a_tri_hit *b)
{
    return a->score < b->score || (a->score == b->score && a->doc > b->doc);
}

static void heap_sift_down(l2a_tri_hit *h, size_t i, size_t n)
{
    for (;;) {
        size_t child = 2 * i + 1;
        l2a_tri_hit t;

        if (child >= n)
            return;
        if (child + 1 < n && hit_worse(&h[child + 1], &h[child]))
            child++;
        if (!hit_worse(&h[child], &h[i]))
            return;
        t = h[i];
        h[i] = h[child];
        h[child] = t;
        i = child;
    }
}

static void heap_offer(l2a_tri_hit *h, size_t *n, size_t k, l2a_tri_hit hit)
{
    size_t i;

    if (*n < k) {
        for (i = (*n)++; i > 0 && hit_worse(&hit, &h[(i - 1) / 2]); i = (i - 1) / 2)
            h[i] = h[(i - 1) / 2];
        h[i] = hit;
    } else if (hit_worse(&h[0], &hit)) {
        h[0] = hit;
        heap_sift_down(h, 0, *n);
    }
}

/* Moving the worst to the back, repeatedly, leaves the best first. */
static void heap_sort_best_first(l2a_tri_hit *h, size_t n)
{
    for (size_t end = n; end-- > 1;) {
        l2a_tri_hit t = h[0];

        h[0] = h[end];
        h[end] = t;
        heap_sift_down(h, 0, end);
    }
}

/* ---- stage 2: estimate, then verify the best estimates exactly ---- */

/* The query's trigrams an entry may share that no walked list accounted for. */
typedef struct unwalked_set {
    double weight[L2A_TRI_MAX_TRIGRAMS];
    uint8_t bit[L2A_TRI_MAX_TRIGRAMS];
    size_t n;
} unwalked_set;

static void collect_unwalked(const query_plan *p, unwalked_set *u)
{
    u->n = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (p->tid[i] != NO_TRIGRAM && !p->walked[i]) {
            u->weight[u->n] = p->weight[i];
            u->bit[u->n] = p->bit[i];
            u->n++;
        }
    }
}

/* The entry's cosine with the query, up to the query norm, estimated from its sketch. */
static double estimate(const tri_entry_info *info, float acc, const unwalked_set *u)
{
    double shared = acc;

    /* Multiplying by the bit, not branching on it: the bits are unpredictable. */
    for (size_t i = 0; i < u->n; i++)
        shared += u->weight[i] * sketch_has(info, u->bit[i]);
    return shared / info->norm;
}

static void swap_hits(l2a_tri_hit *a, l2a_tri_hit *b)
{
    l2a_tri_hit t = *a;

    *a = *b;
    *b = t;
}

/* Moves the m best of h[0..n) to the front, in no particular order (quickselect). */
static void select_best(l2a_tri_hit *h, size_t n, size_t m)
{
    size_t lo = 0, hi = n;

    if (m == 0 || m >= n)
        return;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2, store = lo;

        /* The median of three becomes the pivot, at hi - 1. */
        if (hit_worse(&h[lo], &h[mid]))
            swap_hits(&h[lo], &h[mid]);
        if (hit_worse(&h[lo], &h[hi - 1]))
            swap_hits(&h[lo], &h[hi - 1]);
        if (hit_worse(&h[hi - 1], &h[mid]))
            swap_hits(&h[mid], &h[hi - 1]);
        for (size_t i = lo; i < hi - 1; i++)
            if (hit_worse(&h[hi - 1], &h[i]))
                swap_hits(&h[i], &h[store++]);
        swap_hits(&h[store], &h[hi - 1]);
        if (store == m - 1)
            return;
        if (m - 1 < store)
            hi = store;
        else
            lo = store + 1;
    }
}

/*
 * The pool, as (entry, estimate) pairs in hit records: a cheap estimate from
 * the accumulators and the coarse norms picks a shortlist, whose sketches
 * then pick the pool.
 */
static size_t choose_pool(const l2a_trigram_index *idx, l2a_tri_scratch *s, const query_plan *p,
                          size_t n_touched, size_t m)
{
    size_t shortlist = m > SHORTLIST ? m : SHORTLIST;
    unwalked_set u;

    for (size_t i = 0; i < n_touched; i++) {
        uint32_t entry = s->touched[i];

        s->pool[i].doc = entry;
        s->pool[i].score = s->acc[entry] * idx->inv_norm_q[idx->norm_q[entry]];
    }
    if (shortlist > n_touched)
        shortlist = n_touched;
    select_best(s->pool, n_touched, shortlist);
    collect_unwalked(p, &u);
    for (size_t i = 0; i < shortlist; i++) {
        uint32_t entry = s->pool[i].doc;

        s->pool[i].score = (float)estimate(&idx->entry[entry], s->acc[entry], &u);
    }
    if (m > shortlist)
        m = shortlist;
    select_best(s->pool, shortlist, m);
    return m;
}

static double verify_entry(const l2a_trigram_index *idx, query_plan *p, uint32_t entry,
                           uint32_t serial)
{
    const tri_entry_info *info = &idx->entry[entry];
    uint32_t windows[L2A_TRI_MAX_TRIGRAMS];
    size_t n = key_windows(idx->keys + info->key_off, info->key_len, windows);
    double shared = 0.0, score;

    for (size_t i = 0; i < n; i++) {
        size_t q = plan_find(p, windows[i]);

        if (q != SIZE_MAX && p->seen[q] != serial) {
            p->seen[q] = serial;
            shared += p->weight[q];
        }
    }
    score = shared / (p->norm * info->norm);
    return score < 1.0 ? score : 1.0;
}

static uint32_t doc_first_entry(const l2a_trigram_index *idx, uint32_t entry)
{
    uint32_t doc = idx->entry[entry].doc;

    while (entry > 0 && idx->entry[entry - 1].doc == doc)
        entry--;
    return entry;
}

/*
 * Scores each pooled document once, as its best entry: pooled entries are
 * marked in the accumulators, and a document is scored from its first one.
 */
static size_t rank_pool(const l2a_trigram_index *idx, l2a_tri_scratch *s, query_plan *p,
                        size_t pool, size_t k, l2a_tri_hit *out)
{
    size_t n_out = 0;
    uint32_t serial = 0;

    for (size_t i = 0; i < pool; i++)
        s->acc[s->pool[i].doc] = -1.0f;
    for (size_t i = 0; i < pool; i++) {
        uint32_t entry = s->pool[i].doc, first = doc_first_entry(idx, entry), e;
        l2a_tri_hit hit = {idx->entry[entry].doc, 0.0f};
        double best = 0.0;

        for (e = first; e < entry && s->acc[e] >= 0.0f; e++)
            ;
        if (e < entry)
            continue;
        for (e = first; e < idx->n_entries && idx->entry[e].doc == hit.doc; e++) {
            double score = verify_entry(idx, p, e, ++serial);

            best = score > best ? score : best;
        }
        hit.score = (float)best;
        heap_offer(out, &n_out, k, hit);
    }
    heap_sort_best_first(out, n_out);
    return n_out;
}

static void reset_scratch(l2a_tri_scratch *s, size_t n_touched)
{
    for (size_t i = 0; i < n_touched; i++)
        s->acc[s->touched[i]] = 0.0f;
}

int l2a_tri_query(const l2a_trigram_index *idx, l2a_tri_scratch *s, const char *key, size_t len,
                  size_t k, l2a_tri_hit *out, size_t *n_out)
{
    query_plan plan;
    uint64_t order[L2A_TRI_MAX_TRIGRAMS];
    size_t n_lists, n_touched, pool;

    if (n_out)
        *n_out = 0;
    if (!idx || !s || s->idx != idx || !n_out || (!key && len) || (!out && k))
        return L2A_ERR_INVALID_ARGUMENT;
    if (k == 0 || len == 0)
        return L2A_OK;
    make_plan(idx, key, len, &plan);
    n_lists = order_lists(idx, &plan, order);
    n_touched = walk_lists(idx, s, &plan, order, n_lists);
    pool = choose_pool(idx, s, &plan, n_touched, k > POOL_MIN ? k : POOL_MIN);
    *n_out = rank_pool(idx, s, &plan, pool, k, out);
    reset_scratch(s, n_touched);
    return L2A_OK;
}

/* ---- weights ---- */

double l2a_tri_idf(const l2a_trigram_index *idx, uint64_t trigram)
{
    uint32_t tid;

    if (!idx)
        return 0.0;
    tid = table_find(&idx->table, trigram);
    return tid == NO_TRIGRAM ? idx->max_idf : idx->idf[tid];
}

double l2a_tri_rarity(const l2a_trigram_index *idx, const char *key, size_t len)
{
    uint64_t set[L2A_TRI_MAX_TRIGRAMS];
    size_t n = trigram_set(key, len, set);
    double sum = 0.0, rarity;

    if (!idx || n == 0)
        return 0.0;
    /* With nothing indexed, every trigram is unseen: as rare as can be. */
    if (idx->n_entries == 0)
        return 1.0;
    for (size_t i = 0; i < n; i++)
        sum += l2a_tri_idf(idx, set[i]);
    rarity = sum / (double)n / idx->max_idf;
    return rarity < 1.0 ? rarity : 1.0;
}

size_t l2a_tri_posting_count(const l2a_trigram_index *idx, uint64_t trigram)
{
    uint32_t tid;

    if (!idx)
        return 0;
    tid = table_find(&idx->table, trigram);
    return tid == NO_TRIGRAM ? 0 : list_length(idx, tid);
}
