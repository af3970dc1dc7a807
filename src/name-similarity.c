/* SPDX-License-Identifier: MIT */
/*
 * Name similarities (name-similarity.h). Edit distances are computed
 * bit-parallel, a machine word holding a column of the dynamic programme
 * (Myers 1999; Hyyrö 2003 for adjacent transpositions): the same integer
 * distances as the textbook tables, in a step per byte instead of one per
 * pair of bytes, and so the same similarities.
 */
#include "name-similarity.h"

#include <string.h>

/* A floor so that even the most common token counts a little. */
#define MIN_TOKEN_WEIGHT 0.05
/* Tokens shorter than this, or holding a digit, must match exactly. */
#define FUZZY_MIN_LEN 4
#define FUZZY_MAX_LEN 32
/* The least similarity of two tokens taken for a typo of one another. */
#define FUZZY_MIN_SIMILARITY 0.75

/* Token flags are bits of a uint32_t; a pattern of EDIT_MAX bytes fills a uint64_t. */
_Static_assert(L2A_NAME_MAX_TOKENS <= 32, "token flags are 32-bit masks");
_Static_assert(L2A_EDIT_MAX <= 64 && FUZZY_MAX_LEN <= 64, "edit patterns are 64-bit words");

static uint32_t bit(size_t i)
{
    return (uint32_t)1 << i;
}

static int str_eq(l2a_str a, l2a_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.s, b.s, a.len) == 0);
}

/* ---- edit distances, bit-parallel ---- */

/*
 * Bit i of byte_at[c] set when byte i of the pattern, of len bytes (at most
 * 64), is c.
 */
static void mark_positions(const char *pattern, size_t len, uint64_t *byte_at)
{
    size_t i;

    memset(byte_at, 0, 256 * sizeof *byte_at);
    for (i = 0; i < len; i++)
        byte_at[(unsigned char)pattern[i]] |= (uint64_t)1 << i;
}

/*
 * Levenshtein distance between a pattern of m bytes (1..64), given by the
 * positions of its bytes, and text[0, n). Each step turns the vertical
 * differences (+1 in vp, -1 in vn) of one column of the table into the next;
 * the distance follows the last row. The top row of the table is 0, 1, 2...
 * (a global distance), hence the 1 shifted into hp.
 */
static unsigned levenshtein(const uint64_t *byte_at, size_t m, const char *text, size_t n)
{
    uint64_t vp = ~(uint64_t)0, vn = 0, last = (uint64_t)1 << (m - 1);
    unsigned d = (unsigned)m;
    size_t j;

    for (j = 0; j < n; j++) {
        uint64_t x = byte_at[(unsigned char)text[j]];
        uint64_t d0 = (((x & vp) + vp) ^ vp) | x | vn;
        uint64_t hp = vn | ~(d0 | vp), hn = d0 & vp;

        d += (hp & last) != 0;
        d -= (hn & last) != 0;
        hp = hp << 1 | 1;
        hn <<= 1;
        vp = hn | ~(d0 | hp);
        vn = hp & d0;
    }
    return d;
}

/*
 * Optimal-string-alignment distance (an adjacent transposition is one edit)
 * between a pattern of m bytes (1..64) and a text of n bytes, given as
 * masks[j]: the pattern positions holding text byte j. As levenshtein(), with
 * tr marking the cells a transposition reaches from two columns back.
 */
static unsigned osa_distance(const uint64_t *masks, size_t m, size_t n)
{
    uint64_t vp = ~(uint64_t)0, vn = 0, d0 = 0, previous = 0, last = (uint64_t)1 << (m - 1);
    unsigned d = (unsigned)m;
    size_t j;

    for (j = 0; j < n; j++) {
        uint64_t x = masks[j];
        uint64_t tr = ((~d0 & x) << 1) & previous;
        uint64_t hp, hn;

        d0 = (((x & vp) + vp) ^ vp) | x | vn | tr;
        hp = vn | ~(d0 | vp);
        hn = d0 & vp;
        d += (hp & last) != 0;
        d -= (hn & last) != 0;
        hp = hp << 1 | 1;
        hn <<= 1;
        vp = hn | ~(d0 | hp);
        vn = hp & d0;
        previous = x;
    }
    return d;
}

/* 1 - distance / longest over the first L2A_EDIT_MAX bytes of each key. */
static double edit_similarity(const uint64_t *byte_at, size_t n, l2a_str b)
{
    size_t m = b.len < L2A_EDIT_MAX ? b.len : L2A_EDIT_MAX;
    size_t longest = n > m ? n : m;
    unsigned d;

    if (longest == 0)
        return 0.0;
    d = n ? levenshtein(byte_at, n, b.s, m) : (unsigned)m;
    return 1.0 - (double)d / (double)longest;
}

double l2a_name_edit_similarity(l2a_str a, l2a_str b)
{
    uint64_t byte_at[256];
    size_t n = a.len < L2A_EDIT_MAX ? a.len : L2A_EDIT_MAX;

    mark_positions(a.s, n, byte_at);
    return edit_similarity(byte_at, n, b);
}

double l2a_name_key_edit_similarity(const l2a_name_key *k, l2a_str name)
{
    return edit_similarity(k->byte_at, k->edit_len, name);
}

/* ---- token similarity ---- */

static int has_digit(l2a_str t)
{
    size_t i;

    for (i = 0; i < t.len; i++)
        if (t.s[i] >= '0' && t.s[i] <= '9')
            return 1;
    return 0;
}

static int may_be_typo(l2a_str t)
{
    return t.len >= FUZZY_MIN_LEN && t.len <= FUZZY_MAX_LEN && !has_digit(t);
}

/* Two tokens this far apart in length cannot reach FUZZY_MIN_SIMILARITY. */
static int lengths_allow_typo(size_t a, size_t b)
{
    size_t longest = a > b ? a : b, shortest = a < b ? a : b;

    return !((double)(longest - shortest) > (1.0 - FUZZY_MIN_SIMILARITY) * (double)longest);
}

/*
 * A floor under the distance of tokens a and b, from the masks of b's
 * bytes in a: each byte of either token found nowhere in the other takes an
 * edit of its own (an insertion, a deletion or a substitution; a
 * transposition only moves bytes both have), and a substitution serves one
 * byte of each.
 */
static size_t distance_floor(const uint64_t *masks, size_t a_len, size_t b_len)
{
    uint64_t found_in_b = 0;
    size_t j, missing_a = a_len, missing_b = 0;

    for (j = 0; j < b_len; j++) {
        found_in_b |= masks[j];
        missing_b += masks[j] == 0;
    }
    for (; found_in_b; found_in_b &= found_in_b - 1)
        missing_a--;
    return missing_a > missing_b ? missing_a : missing_b;
}

/*
 * The similarity of two unequal tokens that passed the checks above, from
 * their masks. Most pairs of different words fail already with the floor
 * of their distance, which can only make the similarity larger.
 */
static double typo_similarity(const uint64_t *masks, size_t a_len, size_t b_len)
{
    size_t longest = a_len > b_len ? a_len : b_len;
    double sim = 1.0 - (double)distance_floor(masks, a_len, b_len) / (double)longest;

    if (sim < FUZZY_MIN_SIMILARITY)
        return 0.0;
    sim = 1.0 - (double)osa_distance(masks, a_len, b_len) / (double)longest;
    return sim >= FUZZY_MIN_SIMILARITY ? sim : 0.0;
}

/* masks[j]: bit i set when a[i] == b[j]. */
static void scan_masks(l2a_str a, l2a_str b, uint64_t *masks)
{
    size_t i, j;

    for (j = 0; j < b.len; j++) {
        uint64_t mask = 0;
        for (i = 0; i < a.len; i++)
            mask |= (uint64_t)(a.s[i] == b.s[j]) << i;
        masks[j] = mask;
    }
}

/*
 * 1 for equal tokens; for tokens long enough to carry a typo, 1 - d /
 * longest with d the optimal-string-alignment distance, when that reaches
 * FUZZY_MIN_SIMILARITY; else 0.
 */
double l2a_token_similarity(l2a_str a, l2a_str b)
{
    uint64_t masks[FUZZY_MAX_LEN];

    if (str_eq(a, b))
        return a.len ? 1.0 : 0.0;
    if (!may_be_typo(a) || !may_be_typo(b) || !lengths_allow_typo(a.len, b.len))
        return 0.0;
    scan_masks(a, b, masks);
    return typo_similarity(masks, a.len, b.len);
}

/*
 * l2a_token_similarity of token i of a prepared key and token j of a name,
 * known to be unequal. A key token within the key's first edit_len bytes
 * reads its masks off the key's byte positions.
 */
static double key_token_similarity(const l2a_name_key *k, size_t i, const l2a_name_tokens *name, size_t j)
{
    l2a_str a = k->tokens.tok[i], b = name->tok[j];
    uint64_t masks[FUZZY_MAX_LEN];
    size_t off = (size_t)(a.s - k->tokens.key.s), t;

    if (!(k->tokens.fuzzy & bit(i)) || !(name->fuzzy & bit(j)) || !lengths_allow_typo(a.len, b.len))
        return 0.0;
    if (off + a.len <= k->edit_len) {
        uint64_t keep = ((uint64_t)1 << a.len) - 1;
        for (t = 0; t < b.len; t++)
            masks[t] = k->byte_at[(unsigned char)b.s[t]] >> off & keep;
    } else {
        scan_masks(a, b, masks);
    }
    return typo_similarity(masks, a.len, b.len);
}

/* ---- tokens and their weights ---- */

/* Splits a key on single spaces; returns the token count (at most L2A_NAME_MAX_TOKENS). */
static size_t split_tokens(l2a_str key, l2a_str *tokens)
{
    size_t n = 0, i = 0;

    while (i < key.len && n < L2A_NAME_MAX_TOKENS) {
        size_t start = i;
        while (i < key.len && key.s[i] != ' ')
            i++;
        if (i > start) {
            tokens[n].s = key.s + start;
            tokens[n].len = i - start;
            n++;
        }
        i++;
    }
    return n;
}

static int contains_token(const l2a_str *tokens, size_t n, l2a_str t)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (str_eq(tokens[i], t))
            return 1;
    return 0;
}

void l2a_name_tokens_split(l2a_name_tokens *t, l2a_str key)
{
    size_t i;

    t->key = key;
    t->n = split_tokens(key, t->tok);
    t->weighed = t->repeat = t->fuzzy = 0;
    for (i = 0; i < t->n; i++) {
        if (contains_token(t->tok, i, t->tok[i]))
            t->repeat |= bit(i);
        if (may_be_typo(t->tok[i]))
            t->fuzzy |= bit(i);
    }
}

static double token_weight(const l2a_trigram_index *idx, l2a_str t)
{
    double w = idx ? l2a_tri_rarity(idx, t.s, t.len) : 1.0;

    return w < MIN_TOKEN_WEIGHT ? MIN_TOKEN_WEIGHT : w;
}

/* The weights of the distinct tokens not weighed yet (a weight depends on the token alone). */
static void weigh_tokens(l2a_name_tokens *t, const l2a_trigram_index *idx)
{
    size_t i;

    for (i = 0; i < t->n; i++)
        if (!(t->repeat & bit(i)) && !(t->weighed & bit(i))) {
            t->weight[i] = token_weight(idx, t->tok[i]);
            t->weighed |= bit(i);
        }
}

void l2a_name_key_prepare(l2a_name_key *k, const l2a_trigram_index *idx, l2a_str key)
{
    l2a_name_tokens_split(&k->tokens, key);
    k->idx = idx;
    weigh_tokens(&k->tokens, idx);
    l2a_tri_sim_prepare(&k->trigrams, key.s, key.len);
    k->edit_len = key.len < L2A_EDIT_MAX ? key.len : L2A_EDIT_MAX;
    /* Edits against an empty key read no position (and most persons have no name head). */
    if (k->edit_len)
        mark_positions(key.s, k->edit_len, k->byte_at);
}

/* ---- token overlap and coverage ---- */

/*
 * IDF-weighted Jaccard of the distinct tokens, summed as it always was: the
 * key's in order (bit i of in_name: token i is also the name's), then the
 * name's that are not the key's (bit j of in_key).
 */
static double overlap(const l2a_name_tokens *a, const l2a_name_tokens *name, uint32_t in_name,
                      uint32_t in_key)
{
    double shared = 0.0, all = 0.0;
    size_t i;

    for (i = 0; i < a->n; i++) {
        if (a->repeat & bit(i))
            continue;
        all += a->weight[i];
        if (in_name & bit(i))
            shared += a->weight[i];
    }
    for (i = 0; i < name->n; i++)
        if (!(name->repeat & bit(i)) && !(in_key & bit(i)))
            all += name->weight[i];
    return all > 0.0 ? shared / all : 0.0;
}

/* Share of t's distinct tokens found, best[i] the similarity of token i's best match. */
static double coverage(const l2a_name_tokens *t, const double *best)
{
    double found = 0.0, all = 0.0;
    size_t i;

    for (i = 0; i < t->n; i++) {
        if (t->repeat & bit(i))
            continue;
        all += t->weight[i];
        found += t->weight[i] * best[i];
    }
    return all > 0.0 ? found / all : 0.0;
}

/*
 * Every distinct token of the key against every distinct token of the name,
 * once: token similarity is symmetric, so the best match of each key token
 * (a row) and of each name token (a column) give both coverages. A repeated
 * token has its first occurrence's matches, so skipping it changes no
 * maximum.
 */
void l2a_name_key_compare_tokens(const l2a_name_key *k, l2a_name_tokens *name, l2a_token_scores *out)
{
    const l2a_name_tokens *a = &k->tokens;
    double row_best[L2A_NAME_MAX_TOKENS] = {0.0}, col_best[L2A_NAME_MAX_TOKENS] = {0.0};
    uint32_t in_name = 0, in_key = 0;
    int alike = 0; /* some pair of tokens has a similarity above 0 */
    size_t i, j;

    for (i = 0; i < a->n; i++) {
        if (a->repeat & bit(i))
            continue;
        for (j = 0; j < name->n; j++) {
            double sim;
            if (name->repeat & bit(j))
                continue;
            if (str_eq(a->tok[i], name->tok[j])) {
                sim = 1.0;
                in_name |= bit(i);
                in_key |= bit(j);
                /* The same token weighs the same: no need to look it up again. */
                if (!(name->weighed & bit(j))) {
                    name->weight[j] = a->weight[i];
                    name->weighed |= bit(j);
                }
            } else {
                sim = key_token_similarity(k, i, name, j);
            }
            row_best[i] = sim > row_best[i] ? sim : row_best[i];
            col_best[j] = sim > col_best[j] ? sim : col_best[j];
            alike |= sim > 0.0;
        }
    }
    out->key_coverage = coverage(a, row_best);
    /*
     * With no token alike, nothing is shared or found: the overlap and the
     * name's coverage are 0 / (a sum of positive weights), that is 0,
     * whatever the weights, so the name's are not looked up for that.
     */
    if (!alike) {
        out->overlap = 0.0;
        out->name_coverage = 0.0;
        return;
    }
    weigh_tokens(name, k->idx);
    out->overlap = overlap(a, name, in_name, in_key);
    out->name_coverage = name->key.len ? coverage(name, col_best) : 0.0;
}

/* The token scores of one pair, both keys split on the spot (the one-pair functions). */
static void token_scores_of_pair(const l2a_trigram_index *idx, l2a_str a, l2a_str b,
                                 l2a_token_scores *s)
{
    l2a_name_key k;
    l2a_name_tokens t;

    l2a_name_key_prepare(&k, idx, a);
    l2a_name_tokens_split(&t, b);
    l2a_name_key_compare_tokens(&k, &t, s);
}

double l2a_name_token_overlap(const l2a_trigram_index *idx, l2a_str a, l2a_str b)
{
    l2a_token_scores s;

    token_scores_of_pair(idx, a, b, &s);
    return s.overlap;
}

double l2a_name_coverage(const l2a_trigram_index *idx, l2a_str a, l2a_str b)
{
    l2a_token_scores s;

    token_scores_of_pair(idx, a, b, &s);
    return s.key_coverage;
}

/* ---- acronyms ---- */

static int is_stopword(l2a_str t)
{
    static const struct {
        char s[4];
        size_t len;
    } words[] = {{"of", 2}, {"and", 3}, {"the", 3}, {"de", 2},  {"du", 2},  {"des", 3},
                 {"la", 2}, {"le", 2},  {"di", 2},  {"del", 3}, {"der", 3}, {"und", 3},
                 {"for", 3}, {"at", 2}, {"in", 2},  {"y", 1},   {"e", 1},   {"et", 2}};
    size_t i;

    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (t.len == words[i].len && memcmp(t.s, words[i].s, t.len) == 0)
            return 1;
    return 0;
}

/* The initials of the tokens, optionally skipping stopwords, into out (NUL-terminated). */
static size_t initials(const l2a_str *tokens, size_t n, int skip_stopwords, char *out)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++)
        if (!(skip_stopwords && is_stopword(tokens[i])))
            out[k++] = tokens[i].s[0];
    out[k] = '\0';
    return k;
}

static int acronym_of(l2a_str short_name, const l2a_str *tokens, size_t n)
{
    char acro[L2A_NAME_MAX_TOKENS + 1];
    int pass;

    if (n < 2)
        return 0;
    for (pass = 0; pass < 2; pass++) {
        size_t k = initials(tokens, n, pass, acro);
        if (k == short_name.len && memcmp(acro, short_name.s, k) == 0)
            return 1;
    }
    return 0;
}

static int may_be_acronym(l2a_str short_name)
{
    return short_name.len >= 2 && !memchr(short_name.s, ' ', short_name.len);
}

int l2a_name_is_acronym(l2a_str short_name, l2a_str long_name)
{
    l2a_str tokens[L2A_NAME_MAX_TOKENS];

    if (!may_be_acronym(short_name))
        return 0;
    return acronym_of(short_name, tokens, split_tokens(long_name, tokens));
}

/* A key without spaces is its one token, whole. */
int l2a_name_tokens_acronym(const l2a_name_tokens *short_name, const l2a_name_tokens *long_name)
{
    l2a_str key = short_name->key;

    return key.len >= 2 && short_name->n == 1 && short_name->tok[0].len == key.len &&
           acronym_of(key, long_name->tok, long_name->n);
}
