/* SPDX-License-Identifier: MIT */
/*
 * Querying works in three stages, so that its cost barely grows with the index:
 * - candidates: the query's posting lists are walked rarest first, adding
 *   shared IDF^2 mass into per-thread accumulators, until a budget of
 *   postings is spent (the rarest list is always walked);
 * - estimates: each candidate's share of the query's other trigrams (capped
 *   or beyond the budget) is estimated from a 56-bit sketch of its trigram
 *   set, so that the candidates are ranked as by their full cosine;
 * - verification: the best estimates (at least k, at least POOL_MIN) are
 *   scored exactly, by extracting their keys again and intersecting with the
 *   query's trigram set, all entries of their document with them; a
 *   document scores as its best entry.
 * The score is the exact IDF-weighted cosine over all trigrams, capped ones
 * included. What is approximate is which documents get verified: one that
 * shares none of the query's walked trigrams is not found, which is by
 * design, and a sketch may overrate a few candidates.
 */
#include "trigram-private.h"

#include <math.h>
#include <string.h>

#include "alloc.h"
#include "l2a.h"

/*
 * Walked mass is counted in units of 16 bits, half the memory of a float
 * (2 MiB for a million entries, which the walk writes at random): the
 * weight the budget walks is ACC_SCALE units, each list at least one, so a
 * sum stays below the pool marks. Ranking needs no finer grain: the units
 * only choose which entries to verify, and the scores are exact.
 */
#define ACC_SCALE 60000.0

/* Entries verified exactly per query, at least (and at least k). */
#define POOL_MIN 32

/*
 * Candidates sit at random places in arrays of megabytes: asking for them
 * this many steps ahead lets the memory system fetch several at once.
 */
#define PREFETCH_AHEAD 32
/* Keys to verify are asked for this many verifications ahead. */
#define KEYS_AHEAD 4
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(addr) __builtin_prefetch(addr)
#else
#define PREFETCH(addr) ((void)0)
#endif

/*
 * Entries a query's words may name for the words to decide; beyond, they
 * are too common and the trigrams decide.
 */
#define WORD_CANDIDATES 256
/*
 * A best score among the documents the words name that settles the query
 * without the trigram search. Measured on the 1M benchmark and the dev set:
 * from 0.5 down to 0.45 no figure of either changes and the search is
 * faster; at 0.4 the dev set loses two leads with a typo.
 */
#define WORDS_SETTLE 0.45

/* A query's trigram set lives in a small hash table of this many slots at most. */
#define PLAN_SLOTS (2 * L2A_TRI_MAX_TRIGRAMS)

typedef struct query_plan query_plan;
typedef uint16_t acc_t;
typedef struct byte_tables byte_tables;

struct l2a_tri_scratch {
    const l2a_trigram_index *idx;
    acc_t *acc;          /* [entry] shared IDF^2 mass so far, in units; 0 when untouched */
    float acc_unit;      /* the IDF^2 mass of one unit, for this query */
    uint32_t *touched;   /* entries with acc != 0, in the order reached; estimating clears them */
    size_t cap_touched;
    l2a_tri_hit *pool;   /* the entries to verify, as (entry, estimate) */
    query_plan *plan;    /* the query's trigrams */
    byte_tables *tables; /* the query's unwalked weight per sketch byte value */
    uint32_t *word_entries; /* the entries the query's words name */
    uint64_t *word_docs;    /* the same as (document << 32 | entry) */
};

/* ---- the query's trigram set, with weights, in a small hash table ---- */

struct query_plan {
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
    uint64_t filter[64]; /* a bit per window hash: most windows of a candidate miss */
};

static uint32_t plan_slot_of(const query_plan *p, uint32_t window)
{
    return (uint32_t)(window * UINT32_C(0x9E3779B1)) >> p->slot_shift;
}

static unsigned filter_bit(uint32_t window)
{
    return (uint32_t)(window * UINT32_C(0x85EBCA6B)) >> 20;
}

static int filter_may_hold(const query_plan *p, uint32_t window)
{
    unsigned bit = filter_bit(window);

    return (int)(p->filter[bit >> 6] >> (bit & 63)) & 1;
}

static void plan_index_windows(query_plan *p)
{
    unsigned bits = 4;

    while (((size_t)1 << bits) < 2 * p->n)
        bits++;
    p->slot_mask = ((uint32_t)1 << bits) - 1;
    p->slot_shift = 32 - bits;
    memset(p->slot, 0, ((size_t)p->slot_mask + 1) * sizeof *p->slot);
    memset(p->filter, 0, sizeof p->filter);
    for (size_t i = 0; i < p->n; i++) {
        uint32_t s = plan_slot_of(p, p->window[i]);
        unsigned bit = filter_bit(p->window[i]);

        p->filter[bit >> 6] |= (uint64_t)1 << (bit & 63);
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
    uint64_t distinct[L2A_TRI_MAX_TRIGRAMS], hashes[L2A_TRI_MAX_TRIGRAMS];
    double norm2 = 0.0;

    p->n = l2a_tri_key_windows(key, len, p->window);
    for (size_t i = 0; i < p->n; i++)
        distinct[i] = p->window[i];
    p->n = l2a_tri_sort_unique_u64(distinct, p->n);
    for (size_t i = 0; i < p->n; i++) {
        hashes[i] = l2a_tri_window_hash((uint32_t)distinct[i]);
        if (idx->table.slots)
            PREFETCH(&idx->table.slots[(size_t)hashes[i] & idx->table.mask]);
    }
    for (size_t i = 0; i < p->n; i++) {
        uint64_t hash = hashes[i];
        uint32_t tid = l2a_tri_table_find(&idx->table, hash);
        double idf = tid == NO_TRIGRAM ? idx->max_idf : idx->idf[tid];

        p->window[i] = (uint32_t)distinct[i];
        p->tid[i] = tid;
        p->weight[i] = idf * idf;
        p->seen[i] = 0;
        p->bit[i] = (uint8_t)l2a_tri_sketch_bit(hash);
        p->walked[i] = 0;
        norm2 += p->weight[i];
    }
    p->norm = sqrt(norm2);
    plan_index_windows(p);
}

/* ---- per-thread scratch ---- */

struct byte_tables {
    float weight[SKETCH_BITS / 8][256];
};

/* Walking stops once the budget is spent, so no query touches more entries than this. */
static size_t touch_limit(const l2a_trigram_index *idx)
{
    size_t limit = (size_t)idx->walk_budget + idx->list_cap;

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
    s->cap_touched = touch_limit(idx);
    s->touched = l2a_mallocarray(s->cap_touched, sizeof *s->touched);
    s->pool = l2a_mallocarray(touch_limit(idx), sizeof *s->pool);
    s->plan = l2a_malloc(sizeof *s->plan);
    s->tables = l2a_malloc(sizeof *s->tables);
    s->word_entries = l2a_mallocarray(WORD_CANDIDATES + 1, sizeof *s->word_entries);
    s->word_docs = l2a_mallocarray(WORD_CANDIDATES + 1, sizeof *s->word_docs);
    if (!s->acc || !s->touched || !s->pool || !s->plan || !s->tables || !s->word_entries || !s->word_docs) {
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
    l2a_free(s->plan);
    l2a_free(s->tables);
    l2a_free(s->word_entries);
    l2a_free(s->word_docs);
    l2a_free(s);
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
    l2a_tri_sort_u64(order, n);
    return n;
}

/* Adds one list's weight to its entries; returns the new count of touched entries. */
static size_t add_list(acc_t *acc, uint32_t *touched, size_t n_touched, const uint32_t *e,
                       const uint32_t *end, acc_t w)
{
    /* Two loops, so that the one over most postings asks ahead without testing for the end. */
    for (; end - e > PREFETCH_AHEAD; e++) {
        PREFETCH(&acc[e[PREFETCH_AHEAD]]);
        if (acc[*e] == 0)
            touched[n_touched++] = *e;
        acc[*e] = (acc_t)(acc[*e] + w);
    }
    for (; e < end; e++) {
        if (acc[*e] == 0)
            touched[n_touched++] = *e;
        acc[*e] = (acc_t)(acc[*e] + w);
    }
    return n_touched;
}

static acc_t units_of(const l2a_tri_scratch *s, double weight)
{
    double units = floor(weight / s->acc_unit + 0.5);

    return (acc_t)(units < 1.0 ? 1.0 : units);
}

static size_t walk_lists(const l2a_trigram_index *idx, l2a_tri_scratch *s, const uint64_t *order,
                         size_t n_lists)
{
    query_plan *p = s->plan;
    size_t n_touched = 0, walked = 0, n_walk = 0;
    double mass = 0.0;

    /*
     * Which lists the budget takes is known from their lengths: their weight
     * sets the unit (should the guard below stop sooner, sums only get smaller).
     */
    for (size_t l = 0; l < n_lists && walked < idx->walk_budget; l++) {
        size_t i = (size_t)(order[l] & 0xff);

        walked += list_length(idx, p->tid[i]);
        mass += p->weight[i];
        n_walk++;
    }
    s->acc_unit = (float)(mass / ACC_SCALE);
    walked = 0;
    for (size_t l = 0; l < n_walk; l++) {
        size_t i = (size_t)(order[l] & 0xff);
        const uint32_t *e = idx->postings + idx->list_off[p->tid[i]];
        size_t len = list_length(idx, p->tid[i]);

        /* Cannot happen with the index's own cap; guards a list that would not fit. */
        if (len > s->cap_touched - n_touched)
            break;
        p->walked[i] = 1;
        walked += len;
        n_touched = add_list(s->acc, s->touched, n_touched, e, e + len, units_of(s, p->weight[i]));
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

/* ---- stage 2: estimates from the sketches ---- */

/*
 * For each byte of a sketch and each value of it, the summed weight of the
 * unwalked query trigrams whose bits it sets: eight lookups then estimate a
 * candidate's share of them.
 */
static void fill_byte_tables(const query_plan *p, byte_tables *t)
{
    float by_bit[SKETCH_BITS] = {0.0f};

    for (size_t i = 0; i < p->n; i++)
        if (p->tid[i] != NO_TRIGRAM && !p->walked[i])
            by_bit[p->bit[i]] += (float)p->weight[i];
    for (int byte = 0; byte < SKETCH_BITS / 8; byte++) {
        float *w = t->weight[byte];

        w[0] = 0.0f;
        for (int b = 0; b < 8; b++)
            for (int v = 0; v < 1 << b; v++)
                w[v | 1 << b] = w[v] + by_bit[8 * byte + b];
    }
}

/* The candidate's cosine with the query, up to the query norm: walked mass plus sketched. */
static float estimate(const l2a_trigram_index *idx, const byte_tables *t, float acc,
                      uint32_t entry)
{
    uint64_t sketch = idx->sketch[entry];
    float shared = acc;

    /* Unrolled whatever the optimization level: the seven lookups then overlap. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC unroll 7
#endif
    for (int byte = 0; byte < SKETCH_BITS / 8; byte++)
        shared += t->weight[byte][(sketch >> (8 * byte)) & 0xff];
    return shared * idx->inv_norm_q[sketch >> SKETCH_BITS];
}

/* The m best estimates, as (entry, estimate) pairs in hit records. */
static size_t choose_pool(const l2a_trigram_index *idx, l2a_tri_scratch *s, size_t n_touched,
                          size_t m)
{
    const uint32_t *touched = s->touched;
    size_t n = 0, i = 0;
    float worst = 0.0f; /* the pool's worst estimate, once it is full */

    fill_byte_tables(s->plan, s->tables);
    for (size_t j = 0; j < n_touched && j < PREFETCH_AHEAD; j++) {
        PREFETCH(&idx->sketch[touched[j]]);
        PREFETCH(&s->acc[touched[j]]);
    }
    for (; i < n_touched; i++) {
        l2a_tri_hit hit;

        if (i + PREFETCH_AHEAD < n_touched) {
            PREFETCH(&idx->sketch[touched[i + PREFETCH_AHEAD]]);
            PREFETCH(&s->acc[touched[i + PREFETCH_AHEAD]]);
        }
        hit.doc = touched[i];
        hit.score = estimate(idx, s->tables, (float)s->acc[hit.doc] * s->acc_unit, hit.doc);
        /* Its mass is read for the last time: clearing it now spares a pass to reset them all. */
        s->acc[hit.doc] = 0;
        /* Most candidates fall below a full pool's worst: skip the call for them. */
        if (n < m || hit.score >= worst) {
            heap_offer(s->pool, &n, m, hit);
            worst = s->pool[0].score;
        }
    }
    return n;
}

/* ---- stage 3: exact scores ---- */

static double verify_entry(const l2a_trigram_index *idx, query_plan *p, uint32_t entry,
                           uint32_t serial)
{
    const tri_entry_info *info = &idx->entry[entry];
    uint32_t windows[L2A_TRI_MAX_TRIGRAMS];
    size_t n = l2a_tri_key_windows(idx->keys + info->key_off, info->key_len, windows);
    double shared = 0.0, score;

    for (size_t i = 0; i < n; i++) {
        size_t q = filter_may_hold(p, windows[i]) ? plan_find(p, windows[i]) : SIZE_MAX;

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
 * An estimate is at least the cosine it estimates, times the query norm: the
 * walked mass is exact, a summary bit is set for every trigram the entry
 * has, and the quantized norm is off by at most 2^(1/64) (quantize_norm in
 * trigram.c). The pool can then be verified best estimate first, and
 * stopped once no estimate left can beat the k-th best score found.
 */
#define ESTIMATE_SLACK 1.012

/* Pool marks in the accumulators, above any mass. */
#define POOLED ((acc_t)-1)
#define SCORED ((acc_t)-2)

/* The exact score of a document: its best entry. Marks its pooled entries scored. */
static float score_document(const l2a_trigram_index *idx, l2a_tri_scratch *s, uint32_t entry,
                            uint32_t *serial)
{
    uint32_t doc = idx->entry[entry].doc, e = doc_first_entry(idx, entry);
    double best = 0.0;

    for (; e < idx->n_entries && idx->entry[e].doc == doc; e++) {
        double score = verify_entry(idx, s->plan, e, ++*serial);

        best = score > best ? score : best;
        if (s->acc[e] == POOLED)
            s->acc[e] = SCORED;
    }
    return (float)best;
}

/* Scores the pooled documents, best estimate first, each once; the k best in out, best first. */
static size_t rank_pool(const l2a_trigram_index *idx, l2a_tri_scratch *s, size_t pool, size_t k,
                        l2a_tri_hit *out)
{
    double to_cosine = ESTIMATE_SLACK / s->plan->norm;
    size_t n_out = 0;
    uint32_t serial = 0;

    /* The pooled entries' records are scattered: ask for all of them at once. */
    for (size_t i = 0; i < pool; i++)
        PREFETCH(&idx->entry[s->pool[i].doc]);
    heap_sort_best_first(s->pool, pool);
    for (size_t i = 0; i < pool; i++)
        s->acc[s->pool[i].doc] = POOLED;
    /* Their keys are scattered too, and are read in turn: each is asked for a few turns ahead. */
    for (size_t i = 0; i < pool && i < KEYS_AHEAD; i++)
        PREFETCH(idx->keys + idx->entry[s->pool[i].doc].key_off);
    for (size_t i = 0; i < pool; i++) {
        uint32_t entry = s->pool[i].doc;
        l2a_tri_hit hit;

        if (n_out == k && s->pool[i].score * to_cosine < out[0].score)
            break;
        if (i + KEYS_AHEAD < pool)
            PREFETCH(idx->keys + idx->entry[s->pool[i + KEYS_AHEAD].doc].key_off);
        if (s->acc[entry] == SCORED)
            continue;
        hit.doc = idx->entry[entry].doc;
        hit.score = score_document(idx, s, entry, &serial);
        heap_offer(out, &n_out, k, hit);
    }
    heap_sort_best_first(out, n_out);
    return n_out;
}

/* Only the pooled entries still hold something: their marks. */
static void reset_scratch(l2a_tri_scratch *s, size_t pool)
{
    for (size_t i = 0; i < pool; i++)
        s->acc[s->pool[i].doc] = 0;
}

/* The trigram search for the planned query. */
static int search_trigrams(const l2a_trigram_index *idx, l2a_tri_scratch *s, size_t k, l2a_tri_hit *out,
                           size_t *n_out)
{
    uint64_t order[L2A_TRI_MAX_TRIGRAMS];
    size_t n_lists, n_touched, pool;

    n_lists = order_lists(idx, s->plan, order);
    n_touched = walk_lists(idx, s, order, n_lists);
    pool = choose_pool(idx, s, n_touched, k > POOL_MIN ? k : POOL_MIN);
    *n_out = rank_pool(idx, s, pool, k, out);
    reset_scratch(s, pool);
    return L2A_OK;
}

/* ---- the search by words ---- */

/*
 * The k best of the documents that the query's words name, scored exactly,
 * best first; none when the words name none or too many.
 */
static size_t rank_word_documents(const l2a_trigram_index *idx, l2a_tri_scratch *s, const char *key,
                                  size_t len, size_t k, l2a_tri_hit *out)
{
    size_t n = l2a_words_lookup(idx->words, key, len, s->word_entries, WORD_CANDIDATES), n_out = 0;
    uint32_t serial = 0;

    if (n == 0 || n > WORD_CANDIDATES)
        return 0;
    for (size_t i = 0; i < n; i++)
        s->word_docs[i] = (uint64_t)idx->entry[s->word_entries[i]].doc << 32 | s->word_entries[i];
    l2a_tri_sort_u64(s->word_docs, n);
    for (size_t i = 0; i < n; i++) {
        l2a_tri_hit hit;

        hit.doc = (uint32_t)(s->word_docs[i] >> 32);
        if (i > 0 && (uint32_t)(s->word_docs[i - 1] >> 32) == hit.doc)
            continue;
        hit.score = score_document(idx, s, (uint32_t)s->word_docs[i], &serial);
        heap_offer(out, &n_out, k, hit);
    }
    /* The trigram search may follow, and counts its verifications from zero again. */
    memset(s->plan->seen, 0, s->plan->n * sizeof *s->plan->seen);
    heap_sort_best_first(out, n_out);
    return n_out;
}

static int query_ok(const l2a_trigram_index *idx, const l2a_tri_scratch *s, const char *key, size_t len,
                    size_t k, const l2a_tri_hit *out, const size_t *n_out)
{
    return idx && s && s->idx == idx && n_out && (key || !len) && (out || !k);
}

/*
 * What both queries do first: no hits yet, the arguments checked, and the
 * query planned. L2A_OK with *planned 0 when there is nothing to look for.
 */
static int start_query(const l2a_trigram_index *idx, l2a_tri_scratch *s, const char *key, size_t len,
                       size_t k, const l2a_tri_hit *out, size_t *n_out, int *planned)
{
    *planned = 0;
    if (n_out)
        *n_out = 0;
    if (!query_ok(idx, s, key, len, k, out, n_out))
        return L2A_ERR_INVALID_ARGUMENT;
    if (k == 0 || len == 0)
        return L2A_OK;
    make_plan(idx, key, len, s->plan);
    *planned = 1;
    return L2A_OK;
}

int l2a_tri_query_words_first(const l2a_trigram_index *idx, l2a_tri_scratch *s, const char *key,
                              size_t len, size_t k, l2a_tri_hit *out, size_t *n_out)
{
    int planned, rc = start_query(idx, s, key, len, k, out, n_out, &planned);
    size_t n;

    if (rc || !planned)
        return rc;
    n = rank_word_documents(idx, s, key, len, k, out);
    if (n > 0 && out[0].score >= WORDS_SETTLE) {
        *n_out = n;
        return L2A_OK;
    }
    return search_trigrams(idx, s, k, out, n_out);
}

int l2a_tri_query(const l2a_trigram_index *idx, l2a_tri_scratch *s, const char *key, size_t len,
                  size_t k, l2a_tri_hit *out, size_t *n_out)
{
    int planned, rc = start_query(idx, s, key, len, k, out, n_out, &planned);

    if (rc || !planned)
        return rc;
    return search_trigrams(idx, s, k, out, n_out);
}

/* ---- weights ---- */

double l2a_tri_idf(const l2a_trigram_index *idx, uint64_t trigram)
{
    uint32_t tid;

    if (!idx)
        return 0.0;
    tid = l2a_tri_table_find(&idx->table, trigram);
    return tid == NO_TRIGRAM ? idx->max_idf : idx->idf[tid];
}

/* The key's distinct trigram windows, in the order first met: a small hash set instead of a sort. */
static size_t distinct_windows(const char *key, size_t len, uint32_t *out)
{
    uint32_t windows[L2A_TRI_MAX_TRIGRAMS], seen[2 * L2A_TRI_MAX_TRIGRAMS];
    size_t n = l2a_tri_key_windows(key, len, windows), n_out = 0;
    uint32_t mask = 15;

    while (mask + 1 < 2 * n)
        mask = mask * 2 + 1;
    memset(seen, 0, ((size_t)mask + 1) * sizeof *seen);
    for (size_t i = 0; i < n; i++) {
        uint32_t s = (windows[i] * UINT32_C(0x9E3779B1)) >> 8 & mask;

        /* Windows are three bytes: w + 1 is never 0, the mark of a free slot. */
        while (seen[s] && seen[s] != windows[i] + 1)
            s = (s + 1) & mask;
        if (!seen[s]) {
            seen[s] = windows[i] + 1;
            out[n_out++] = windows[i];
        }
    }
    return n_out;
}

/*
 * The IDFs are floats between ln 2 and 23, at most 256 of them, summed in a
 * double: no partial sum needs more than 40 of its 53 bits, so every one is
 * exact and the mean does not depend on the order of the trigrams. Unseen
 * trigrams are counted apart, their IDF being a double.
 */
double l2a_tri_rarity(const l2a_trigram_index *idx, const char *key, size_t len)
{
    uint32_t windows[L2A_TRI_MAX_TRIGRAMS];
    uint64_t hash[L2A_TRI_MAX_TRIGRAMS];
    size_t n, unseen = 0;
    double sum = 0.0, rarity;

    if (!idx || !key)
        return 0.0;
    n = distinct_windows(key, len, windows);
    if (n == 0)
        return 0.0;
    /* With nothing indexed, every trigram is unseen: as rare as can be. */
    if (idx->n_entries == 0)
        return 1.0;
    /* The slots are scattered over the table: ask for all of them before reading any. */
    for (size_t i = 0; i < n; i++) {
        hash[i] = l2a_tri_window_hash(windows[i]);
        PREFETCH(&idx->table.slots[(size_t)hash[i] & idx->table.mask]);
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t tid = l2a_tri_table_find(&idx->table, hash[i]);

        if (tid == NO_TRIGRAM)
            unseen++;
        else
            sum += idx->idf[tid];
    }
    sum += (double)unseen * idx->max_idf;
    rarity = sum / (double)n / idx->max_idf;
    return rarity < 1.0 ? rarity : 1.0;
}

size_t l2a_tri_posting_count(const l2a_trigram_index *idx, uint64_t trigram)
{
    uint32_t tid;

    if (!idx)
        return 0;
    tid = l2a_tri_table_find(&idx->table, trigram);
    return tid == NO_TRIGRAM ? 0 : list_length(idx, tid);
}
