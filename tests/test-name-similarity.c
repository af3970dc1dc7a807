/* SPDX-License-Identifier: MIT */
/*
 * The name features on keys split and prepared once (name-similarity.c,
 * l2a_person_prepare) against the code they replaced, kept below as the
 * reference: every feature must be the same double, bit for bit, for
 * names of all kinds — with typos, repeated and short tokens, digits,
 * bytes above 0x7f, stray spaces, keys past the 64 bytes that edits read
 * and tokens past the 32 that typos read — with and without an index for
 * the weights, with the person prepared or not.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv-lite.h"
#include "domain.h"
#include "l2a.h"
#include "name-similarity.h"
#include "pair-features.h"
#include "test-common.h"
#include "trigram-private.h"

const int l2a_test_wants_shared_data = 0;

/* ---- the reference: pair-features.c before the keys were prepared ---- */

/* pg_trgm similarity over the sorted trigram sets (the library uses a hash set). */
static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static size_t sorted_windows(const char *key, size_t len, uint32_t *w)
{
    size_t n = key ? l2a_tri_key_windows(key, len, w) : 0, k = 0, i;

    qsort(w, n, sizeof *w, compare_u32);
    for (i = 0; i < n; i++)
        if (k == 0 || w[k - 1] != w[i])
            w[k++] = w[i];
    return k;
}

static double ref_tri_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
    uint32_t wa[L2A_TRI_MAX_TRIGRAMS], wb[L2A_TRI_MAX_TRIGRAMS];
    size_t na = sorted_windows(a, alen, wa), nb = sorted_windows(b, blen, wb), i = 0, j = 0, shared = 0;

    while (i < na && j < nb) {
        if (wa[i] == wb[j])
            shared++;
        if (wa[i] <= wb[j])
            i++;
        else
            j++;
    }
    if (na + nb == 0)
        return 0.0;
    return (double)shared / (double)(na + nb - shared);
}

/* Keys longer than this are compared on their first REF_EDIT_MAX bytes: typos live in short names. */
#define REF_EDIT_MAX 64
#define REF_MAX_TOKENS 32
/* A floor so that even the most common token counts a little. */
#define REF_MIN_TOKEN_WEIGHT 0.05

static int ref_str_eq(l2a_str a, l2a_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.s, b.s, a.len) == 0);
}

static int ref_has_corporate_domain(const l2a_person_view *p)
{
    return (p->email_domain.len && p->email_kind == L2A_DOMAIN_ORDINARY) ||
           (p->website_domain.len && p->website_kind == L2A_DOMAIN_ORDINARY);
}

static double ref_edit_similarity(l2a_str a, l2a_str b)
{
    unsigned row[REF_EDIT_MAX + 1];
    size_t n = a.len < REF_EDIT_MAX ? a.len : REF_EDIT_MAX;
    size_t m = b.len < REF_EDIT_MAX ? b.len : REF_EDIT_MAX;
    size_t i, j, longest = n > m ? n : m;

    if (longest == 0)
        return 0.0;
    for (j = 0; j <= m; j++)
        row[j] = (unsigned)j;
    for (i = 1; i <= n; i++) {
        unsigned diag = row[0];
        row[0] = (unsigned)i;
        for (j = 1; j <= m; j++) {
            unsigned up = row[j];
            unsigned best = diag + (a.s[i - 1] != b.s[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return 1.0 - (double)row[m] / (double)longest;
}

/* Splits a key on single spaces; returns the token count (at most REF_MAX_TOKENS). */
static size_t ref_split_tokens(l2a_str key, l2a_str *tokens)
{
    size_t n = 0, i = 0;

    while (i < key.len && n < REF_MAX_TOKENS) {
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

static int ref_contains_token(const l2a_str *tokens, size_t n, l2a_str t)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (ref_str_eq(tokens[i], t))
            return 1;
    return 0;
}

static double ref_token_weight(const l2a_trigram_index *idx, l2a_str t)
{
    double w = idx ? l2a_tri_rarity(idx, t.s, t.len) : 1.0;

    return w < REF_MIN_TOKEN_WEIGHT ? REF_MIN_TOKEN_WEIGHT : w;
}

static double ref_token_overlap(const l2a_trigram_index *idx, l2a_str a, l2a_str b)
{
    l2a_str ta[REF_MAX_TOKENS], tb[REF_MAX_TOKENS];
    size_t na = ref_split_tokens(a, ta), nb = ref_split_tokens(b, tb), i;
    double shared = 0.0, all = 0.0;

    for (i = 0; i < na; i++) {
        double w;
        if (ref_contains_token(ta, i, ta[i]))
            continue;
        w = ref_token_weight(idx, ta[i]);
        all += w;
        if (ref_contains_token(tb, nb, ta[i]))
            shared += w;
    }
    for (i = 0; i < nb; i++)
        if (!ref_contains_token(tb, i, tb[i]) && !ref_contains_token(ta, na, tb[i]))
            all += ref_token_weight(idx, tb[i]);
    return all > 0.0 ? shared / all : 0.0;
}

/* Tokens shorter than this, or holding a digit, must match exactly. */
#define REF_FUZZY_MIN_LEN 4
#define REF_FUZZY_MAX_LEN 32
/* The least similarity of two tokens taken for a typo of one another. */
#define REF_FUZZY_MIN_SIMILARITY 0.75

static int ref_has_digit(l2a_str t)
{
    size_t i;

    for (i = 0; i < t.len; i++)
        if (t.s[i] >= '0' && t.s[i] <= '9')
            return 1;
    return 0;
}

/*
 * How alike two tokens are, 0..1: 1 when equal; for tokens long enough to
 * carry a typo, 1 - d / longest with d the optimal-string-alignment distance
 * (an adjacent transposition is one edit), when that reaches
 * REF_FUZZY_MIN_SIMILARITY; else 0.
 */
static double ref_token_similarity(l2a_str a, l2a_str b)
{
    unsigned prev2[REF_FUZZY_MAX_LEN + 1], prev[REF_FUZZY_MAX_LEN + 1], cur[REF_FUZZY_MAX_LEN + 1];
    size_t i, j, longest;
    double sim;

    if (ref_str_eq(a, b))
        return a.len ? 1.0 : 0.0;
    if (a.len < REF_FUZZY_MIN_LEN || b.len < REF_FUZZY_MIN_LEN || a.len > REF_FUZZY_MAX_LEN ||
        b.len > REF_FUZZY_MAX_LEN || ref_has_digit(a) || ref_has_digit(b))
        return 0.0;
    longest = a.len > b.len ? a.len : b.len;
    if ((double)(longest - (a.len < b.len ? a.len : b.len)) > (1.0 - REF_FUZZY_MIN_SIMILARITY) * (double)longest)
        return 0.0;
    for (j = 0; j <= b.len; j++)
        prev[j] = (unsigned)j;
    memset(prev2, 0, sizeof prev2);
    for (i = 1; i <= a.len; i++) {
        cur[0] = (unsigned)i;
        for (j = 1; j <= b.len; j++) {
            unsigned best = prev[j - 1] + (a.s[i - 1] != b.s[j - 1]);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a.s[i - 1] == b.s[j - 2] && a.s[i - 2] == b.s[j - 1] &&
                prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
        }
        memcpy(prev2, prev, sizeof prev);
        memcpy(prev, cur, sizeof cur);
    }
    sim = 1.0 - (double)prev[b.len] / (double)longest;
    return sim >= REF_FUZZY_MIN_SIMILARITY ? sim : 0.0;
}

static double ref_coverage(const l2a_trigram_index *idx, l2a_str a, l2a_str b)
{
    l2a_str ta[REF_MAX_TOKENS], tb[REF_MAX_TOKENS];
    size_t na = ref_split_tokens(a, ta), nb = ref_split_tokens(b, tb), i, j;
    double found = 0.0, all = 0.0;

    for (i = 0; i < na; i++) {
        double w, best = 0.0;
        if (ref_contains_token(ta, i, ta[i]))
            continue;
        w = ref_token_weight(idx, ta[i]);
        all += w;
        for (j = 0; j < nb && best < 1.0; j++) {
            double sim = ref_token_similarity(ta[i], tb[j]);
            best = sim > best ? sim : best;
        }
        found += w * best;
    }
    return all > 0.0 ? found / all : 0.0;
}

static int ref_is_stopword(l2a_str t)
{
    static const char *const words[] = {"of", "and", "the", "de", "du", "des", "la", "le", "di",
                                        "del", "der", "und", "for", "at", "in", "y", "e", "et"};
    size_t i;

    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (t.len == strlen(words[i]) && memcmp(t.s, words[i], t.len) == 0)
            return 1;
    return 0;
}

/* The ref_initials of the tokens, optionally skipping stopwords, into out (NUL-terminated). */
static size_t ref_initials(const l2a_str *tokens, size_t n, int skip_stopwords, char *out)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++)
        if (!(skip_stopwords && ref_is_stopword(tokens[i])))
            out[k++] = tokens[i].s[0];
    out[k] = '\0';
    return k;
}

static int ref_is_acronym(l2a_str short_name, l2a_str long_name)
{
    l2a_str tokens[REF_MAX_TOKENS];
    char acro[REF_MAX_TOKENS + 1];
    size_t n, k;
    int pass;

    if (short_name.len < 2 || memchr(short_name.s, ' ', short_name.len))
        return 0;
    n = ref_split_tokens(long_name, tokens);
    if (n < 2)
        return 0;
    for (pass = 0; pass < 2; pass++) {
        k = ref_initials(tokens, n, pass, acro);
        if (k == short_name.len && memcmp(acro, short_name.s, k) == 0)
            return 1;
    }
    return 0;
}

static int ref_domain_listed(const l2a_account_view *a, l2a_str domain)
{
    size_t i;

    if (!domain.len)
        return 0;
    for (i = 0; i < a->n_domains; i++)
        if (ref_str_eq(a->domains[i], domain))
            return 1;
    return 0;
}

static void ref_domain_features(const l2a_person_view *p, const l2a_account_view *a, double *out)
{
    int email_ok = p->email_kind == L2A_DOMAIN_ORDINARY && ref_domain_listed(a, p->email_domain);
    int site_ok = p->website_kind == L2A_DOMAIN_ORDINARY && ref_domain_listed(a, p->website_domain);
    uint32_t shared = 0;

    out[L2A_FEATURE_EMAIL_DOMAIN] = email_ok;
    out[L2A_FEATURE_EMAIL_SUBDOMAIN] = email_ok && !ref_str_eq(p->email_host, p->email_domain);
    out[L2A_FEATURE_WEBSITE_DOMAIN] = site_ok;
    if (email_ok)
        shared = p->email_domain_accounts;
    else if (site_ok)
        shared = p->website_domain_accounts;
    out[L2A_FEATURE_DOMAIN_SHARED] = shared > 1 ? log2((double)shared) : 0.0;
    out[L2A_FEATURE_DOMAIN_CONFLICT] = !email_ok && !site_ok && a->n_domains > 0 &&
                                       ref_has_corporate_domain(p);
    out[L2A_FEATURE_FREEMAIL] = p->email_domain.len && p->email_kind != L2A_DOMAIN_ORDINARY;
}

/* The first label of the person's corporate domain against the account name without spaces. */
static double ref_domain_name_similarity(const l2a_person_view *p, const l2a_account_view *a)
{
    char label[64], name[128];
    l2a_str d = p->email_kind == L2A_DOMAIN_ORDINARY && p->email_domain.len ? p->email_domain
                                                                             : p->website_domain;
    l2a_str tokens[REF_MAX_TOKENS];
    size_t i, n = 0, k = 0, nt;
    double best;

    if (!d.len || !a->name.len || !ref_has_corporate_domain(p))
        return 0.0;
    for (i = 0; i < d.len && d.s[i] != '.' && n < sizeof label - 1; i++)
        if (d.s[i] != '-')
            label[n++] = d.s[i];
    for (i = 0; i < a->name.len && k < sizeof name - 1; i++)
        if (a->name.s[i] != ' ')
            name[k++] = a->name.s[i];
    best = ref_tri_similarity(label, n, name, k);
    /*
     * Or one word of the name: "umbrella.com" is as much "Umbrella Holdings"
     * as "Umbrella Pharmaceuticals", whatever the length of the other words.
     */
    nt = ref_split_tokens(a->name, tokens);
    for (i = 0; i < nt; i++) {
        double sim;
        if (tokens[i].len < 3)
            continue;
        sim = ref_tri_similarity(label, n, tokens[i].s, tokens[i].len);
        best = sim > best ? sim : best;
    }
    return best;
}

/* The name evidence of one person key against an account's name and aliases. */
typedef struct ref_name_scores {
    double trigram, token, edit, person_cov, account_cov;
    int exact, alias_exact, acronym;
} ref_name_scores;

static void ref_score_one(const l2a_trigram_index *idx, l2a_str key, l2a_str name, ref_name_scores *s)
{
    double t = ref_tri_similarity(key.s, key.len, name.s, name.len);
    double k = ref_token_overlap(idx, key, name);
    double e = ref_edit_similarity(key, name);
    double pc = ref_coverage(idx, key, name);
    double ac = name.len ? ref_coverage(idx, name, key) : 0.0;

    s->trigram = t > s->trigram ? t : s->trigram;
    s->token = k > s->token ? k : s->token;
    s->edit = e > s->edit ? e : s->edit;
    s->person_cov = pc > s->person_cov ? pc : s->person_cov;
    s->account_cov = ac > s->account_cov ? ac : s->account_cov;
    if (ref_is_acronym(key, name) || ref_is_acronym(name, key))
        s->acronym = 1;
}

static void ref_score_key(const l2a_trigram_index *idx, l2a_str key, const l2a_account_view *a,
                      ref_name_scores *s)
{
    size_t i;

    memset(s, 0, sizeof *s);
    ref_score_one(idx, key, a->name, s);
    s->exact = ref_str_eq(key, a->name);
    for (i = 0; i < a->n_aliases; i++) {
        ref_score_one(idx, key, a->aliases[i], s);
        if (ref_str_eq(key, a->aliases[i]))
            s->alias_exact = 1;
    }
}

static double ref_larger(double a, double b)
{
    return a > b ? a : b;
}

static void ref_name_features(const l2a_trigram_index *idx, const l2a_person_view *p,
                          const l2a_account_view *a, double *out)
{
    ref_name_scores full, head;

    out[L2A_FEATURE_NAME_MISSING] = p->name.len == 0;
    if (p->name.len == 0)
        return;
    out[L2A_FEATURE_NAME_RARITY] = p->name_rarity;
    ref_score_key(idx, p->name, a, &full);
    /*
     * A department, region or note after a separator ("Acme - Marketing",
     * "Acme (EMEA)"): the head of the name is compared too, each feature
     * keeping the better of the two, and name_head says the head matched
     * better than the whole name.
     */
    if (p->name_head.len) {
        ref_score_key(idx, p->name_head, a, &head);
        out[L2A_FEATURE_NAME_HEAD] = head.trigram > full.trigram;
        full.trigram = ref_larger(full.trigram, head.trigram);
        full.token = ref_larger(full.token, head.token);
        full.edit = ref_larger(full.edit, head.edit);
        full.person_cov = ref_larger(full.person_cov, head.person_cov);
        full.account_cov = ref_larger(full.account_cov, head.account_cov);
        full.exact |= head.exact;
        full.alias_exact |= head.alias_exact;
        full.acronym |= head.acronym;
    }
    out[L2A_FEATURE_NAME_TRIGRAM] = full.trigram;
    out[L2A_FEATURE_NAME_TOKEN] = full.token;
    out[L2A_FEATURE_NAME_EDIT] = full.edit;
    out[L2A_FEATURE_NAME_EXACT] = full.exact;
    out[L2A_FEATURE_NAME_ACRONYM] = full.acronym;
    out[L2A_FEATURE_ALIAS_EXACT] = full.alias_exact;
    out[L2A_FEATURE_NAME_PERSON_COVERAGE] = full.person_cov;
    out[L2A_FEATURE_NAME_ACCOUNT_COVERAGE] = full.account_cov;
}

static void ref_location_features(const l2a_person_view *p, const l2a_account_view *a, double *out)
{
    if (p->country && a->country) {
        int same = strcmp(p->country, a->country) == 0;
        out[L2A_FEATURE_COUNTRY_MATCH] = same;
        out[L2A_FEATURE_COUNTRY_MISMATCH] = !same;
    }
    out[L2A_FEATURE_REGION_MATCH] = p->region.len && ref_str_eq(p->region, a->region);
    out[L2A_FEATURE_CITY_MATCH] = p->city.len && ref_str_eq(p->city, a->city);
    /* Country code plus area prefix: the first six digits of the international form. */
    out[L2A_FEATURE_PHONE_PREFIX] = p->phone.len >= 6 && a->phone.len >= 6 &&
                                    memcmp(p->phone.s, a->phone.s, 6) == 0;
}

static void ref_features_compute(const l2a_trigram_index *idx, const l2a_person_view *p,
                          const l2a_account_view *a, double *out)
{
    memset(out, 0, sizeof(double) * L2A_FEATURE_COUNT);
    ref_domain_features(p, a, out);
    ref_name_features(idx, p, a, out);
    ref_location_features(p, a, out);
    out[L2A_FEATURE_DOMAIN_NAME] = ref_domain_name_similarity(p, a);
}

/* ---- the names compared ---- */

static const char *const seeds[] = {
    "acme", "acme widgets", "acme widgets marketing", "acme acme", "acme tools acme",
    "international business machines", "ibm", "big blue", "massachusetts institute of technology",
    "mit", "miot", "osprey medical", "ospreymed", "value group", "vaule group", "umbrella holdings",
    "umbrella pharmaceuticals", "globex", "globex corporation", "initech", "initrode", "deutsche bank",
    "banco de la nacion", "la poste", "the home depot", "home depot", "3m", "area51 labs",
    "area52 labs", "7 eleven", "seven eleven", "nuban university of science and technology",
    "brogilm robotics", "brogilm robotcs", "societe generale", "societe generale emea",
    "muenchener rueckversicherungs gesellschaft", "a b c", "a", "ab", "abc", "abcd", "abdc",
    "corporation", "corpration", "limited", "limtied", "essex", "sussex", "kitten", "sitting",
    "procter and gamble", "procter gamble", "p g", "pg", "x y z holdings x y z",
    "supercalifragilisticexpialidociousandmore group",
    "the quick brown fox jumps over the lazy dog and keeps running far far away",
    "caf\xc3\xa9 de flore", "cafe de flore", "\xe6\x9d\xb1\xe4\xba\xac electric power",
    "  stray  spaces ", "ab ab ab ab", "aaaa aaab aaba abaa baaa", "tokentokentokentokentokentokento",
    "tokentokentokentokentokentokentok", "one two three four five six seven eight nine ten eleven twelve",
    "",
};

#define N_NAMES 240
#define POOL_SIZE (N_NAMES * 96)

typedef struct corpus {
    char pool[POOL_SIZE];
    size_t used;
    l2a_str name[N_NAMES];
    size_t n;
    l2a_trigram_index *idx;
} corpus;

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

/* xorshift64*: the same names at every run. */
static uint32_t rng(uint32_t bound)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1Du) >> 32) % bound;
}

static void add_name(corpus *c, const char *s, size_t len)
{
    ck_assert_uint_lt(c->n, N_NAMES);
    ck_assert_uint_le(c->used + len, POOL_SIZE);
    memcpy(c->pool + c->used, s, len);
    c->name[c->n].s = c->pool + c->used;
    c->name[c->n].len = len;
    c->used += len;
    c->n++;
}

/* A copy of s with a few typos: swaps, drops, doublings, substitutions, a repeat. */
static size_t mistype(l2a_str s, char *out, size_t cap)
{
    static const char letters[] = "aeioulnrst 9\xc3";
    size_t n = s.len < cap - 8 ? s.len : cap - 8, edits = 1 + rng(3), e;

    memcpy(out, s.s, n);
    for (e = 0; e < edits && n > 1; e++) {
        size_t at = rng((uint32_t)(n - 1)), start = n < 3 ? n : 3;
        char t;
        switch (rng(5)) {
        case 0: /* adjacent transposition */
            t = out[at];
            out[at] = out[at + 1];
            out[at + 1] = t;
            break;
        case 1: /* deletion */
            memmove(out + at, out + at + 1, n - at - 1);
            n--;
            break;
        case 2: /* doubling */
            memmove(out + at + 1, out + at, n - at);
            n++;
            break;
        case 3: /* substitution */
            out[at] = letters[rng(sizeof letters - 1)];
            break;
        default: /* the start of the name again at its end */
            if (n + 4 < cap) {
                out[n] = ' ';
                memcpy(out + n + 1, out, start);
                n += 1 + start;
            }
        }
    }
    return n;
}

/* Random text over a small alphabet: long runs of equal bytes, transpositions by chance. */
static size_t random_text(char *out, size_t max)
{
    static const char alphabet[] = "abcab c\xe9";
    size_t n = rng((uint32_t)max + 1), i;

    for (i = 0; i < n; i++)
        out[i] = alphabet[rng(sizeof alphabet - 1)];
    return n;
}

/* The seeds, typos of them, and random text; an index over every other name. */
static void corpus_fill(corpus *c)
{
    size_t i, n_seeds = sizeof seeds / sizeof seeds[0];
    l2a_tri_builder *b;
    char buf[96];

    memset(c, 0, sizeof *c);
    for (i = 0; i < n_seeds; i++)
        add_name(c, seeds[i], strlen(seeds[i]));
    while (c->n < N_NAMES - N_NAMES / 8)
        add_name(c, buf, mistype(c->name[rng((uint32_t)n_seeds)], buf, sizeof buf));
    while (c->n < N_NAMES)
        add_name(c, buf, random_text(buf, 40));
    ck_assert_int_eq(l2a_tri_builder_new(&b), L2A_OK);
    for (i = 0; i < c->n; i += 2)
        ck_assert_int_eq(l2a_tri_builder_add(b, (uint32_t)(i / 2), c->name[i].s, c->name[i].len), L2A_OK);
    ck_assert_int_eq(l2a_tri_build(b, (uint32_t)((c->n + 1) / 2), &c->idx), L2A_OK);
}

static void assert_same(double got, double want, const char *what, l2a_str a, l2a_str b)
{
    if (memcmp(&got, &want, sizeof got) != 0)
        ck_abort_msg("%s(\"%.*s\", \"%.*s\") = %.17g, reference %.17g", what, (int)a.len, a.s,
                     (int)b.len, b.s, got, want);
}

/* ---- the one-pair functions ---- */

static void check_pair(const l2a_trigram_index *idx, l2a_str a, l2a_str b)
{
    l2a_tri_sim_key k;

    l2a_tri_sim_prepare(&k, a.s, a.len);
    assert_same(l2a_tri_similarity(a.s, a.len, b.s, b.len), ref_tri_similarity(a.s, a.len, b.s, b.len),
                "l2a_tri_similarity", a, b);
    assert_same(l2a_tri_similarity_with(&k, b.s, b.len), ref_tri_similarity(a.s, a.len, b.s, b.len),
                "l2a_tri_similarity_with", a, b);
    assert_same(l2a_name_edit_similarity(a, b), ref_edit_similarity(a, b), "edit_similarity", a, b);
    assert_same(l2a_token_similarity(a, b), ref_token_similarity(a, b), "token_similarity", a, b);
    assert_same(l2a_name_token_overlap(idx, a, b), ref_token_overlap(idx, a, b), "token_overlap", a, b);
    assert_same(l2a_name_coverage(idx, a, b), ref_coverage(idx, a, b), "coverage", a, b);
    ck_assert_int_eq(l2a_name_is_acronym(a, b), ref_is_acronym(a, b));
}

START_TEST(pairs_of_names)
{
    static corpus c;
    size_t i, j;

    corpus_fill(&c);
    for (i = 0; i < c.n; i++)
        for (j = 0; j < c.n; j++) {
            check_pair(c.idx, c.name[i], c.name[j]);
            check_pair(NULL, c.name[i], c.name[j]);
        }
    l2a_tri_free(c.idx);
}
END_TEST

/*
 * Single tokens, most of them one or two typos apart, so that the
 * similarities above the bar and the transpositions are reached; as a
 * person's key, a token is read off the key's byte positions when it lies
 * in its first 64 bytes, so each also goes behind a short and a long prefix.
 */
START_TEST(pairs_of_tokens)
{
    static const char *const prefixes[] = {"", "x ", "the quick brown fox jumps over the lazy dog and on "};
    char a[128], b[128], key[192];
    size_t round, p;

    for (round = 0; round < 100000; round++) {
        l2a_str ta, tb;
        ta.s = a;
        ta.len = random_text(a, 36);
        tb.s = b;
        tb.len = rng(4) ? mistype(ta, b, 40) : random_text(b, 36);
        if (memchr(a, ' ', ta.len) || memchr(b, ' ', tb.len))
            continue;
        assert_same(l2a_token_similarity(ta, tb), ref_token_similarity(ta, tb), "token_similarity", ta, tb);
        for (p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++) {
            l2a_str k = {key, strlen(prefixes[p]) + ta.len};
            memcpy(key, prefixes[p], strlen(prefixes[p]));
            memcpy(key + strlen(prefixes[p]), a, ta.len);
            assert_same(l2a_name_coverage(NULL, k, tb), ref_coverage(NULL, k, tb), "coverage", k, tb);
            assert_same(l2a_name_coverage(NULL, tb, k), ref_coverage(NULL, tb, k), "coverage", tb, k);
        }
    }
}
END_TEST

/* ---- whole feature vectors ---- */

/* A person named a (with the head h when it has length) and a domain label made of d. */
static void make_person(l2a_person_view *p, l2a_str a, l2a_str h, l2a_str d, char *domain, size_t cap)
{
    size_t i, n = 0;

    memset(p, 0, sizeof *p);
    p->name = a;
    p->name_head = a.len ? h : (l2a_str){NULL, 0};
    p->name_rarity = 0.5;
    for (i = 0; i < d.len && n + 8 < cap; i++)
        domain[n++] = d.s[i] == ' ' ? '-' : d.s[i];
    memcpy(domain + n, ".com", 4);
    n += 4;
    p->email_domain.s = p->email_host.s = domain;
    p->email_domain.len = p->email_host.len = n;
    p->email_kind = d.len % 3 ? L2A_DOMAIN_ORDINARY : L2A_DOMAIN_FREEMAIL;
    p->website_domain = p->email_domain;
    p->website_kind = d.len % 5 ? L2A_DOMAIN_FREEMAIL : L2A_DOMAIN_ORDINARY;
    p->country = "FR";
}

/*
 * Every name as a person against every other name as an account, through
 * the reference, the prepared person and an unprepared one.
 */
static void check_features(const corpus *c)
{
    static l2a_person_prep prep;
    size_t i, j, f;

    for (i = 0; i < c->n; i++) {
        l2a_str head = c->name[(i * 7) % c->n];
        char domain[128];
        l2a_person_view p;

        make_person(&p, c->name[i], i % 3 ? (l2a_str){NULL, 0} : head, c->name[(i * 13) % c->n], domain,
                    sizeof domain);
        l2a_person_prepare(&prep, c->idx, &p);
        for (j = i % 2; j < c->n; j += 2) {
            l2a_account_view a = {.name = c->name[j], .aliases = &c->name[(j * 11) % (c->n - 3)],
                                  .n_aliases = j % 4, .country = "FR"};
            double want[L2A_FEATURE_COUNT], got[L2A_FEATURE_COUNT];

            ref_features_compute(c->idx, &p, &a, want);
            p.prep = NULL;
            l2a_features_compute(c->idx, &p, &a, got);
            for (f = 0; f < L2A_FEATURE_COUNT; f++)
                assert_same(got[f], want[f], l2a_feature_name((int)f), p.name, a.name);
            p.prep = &prep;
            l2a_features_compute(c->idx, &p, &a, got);
            for (f = 0; f < L2A_FEATURE_COUNT; f++)
                assert_same(got[f], want[f], l2a_feature_name((int)f), p.name, a.name);
            /* Prepared for another index: ignored. */
            l2a_features_compute(NULL, &p, &a, got);
            ref_features_compute(NULL, &p, &a, want);
            for (f = 0; f < L2A_FEATURE_COUNT; f++)
                assert_same(got[f], want[f], l2a_feature_name((int)f), p.name, a.name);
        }
    }
}

START_TEST(feature_vectors)
{
    static corpus c;

    corpus_fill(&c);
    check_features(&c);
    l2a_tri_free(c.idx);
}
END_TEST

/* A name of the shared data as a key: lowercase ASCII letters and digits, single spaces. */
static size_t rough_key(const char *s, char *out, size_t cap)
{
    size_t n = 0;

    for (; *s && n + 1 < cap; s++) {
        unsigned char ch = (unsigned char)*s;
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80)
            out[n++] = (char)ch;
        else if (ch >= 'A' && ch <= 'Z')
            out[n++] = (char)(ch - 'A' + 'a');
        else if (n && out[n - 1] != ' ')
            out[n++] = ' ';
    }
    return n && out[n - 1] == ' ' ? n - 1 : n;
}

static void add_column(corpus *c, const char *relative, const char *column, size_t count)
{
    const char *path = l2a_test_data_path(relative);
    csv_lite csv;
    char key[96];
    size_t added = 0;

    ck_assert_ptr_nonnull(path);
    ck_assert_int_eq(csv_lite_open(&csv, path), 0);
    while (added < count && csv_lite_next(&csv)) {
        size_t n = rough_key(csv_lite_field(&csv, csv_lite_column(&csv, column)), key, sizeof key);
        if (n) {
            add_name(c, key, n);
            added++;
        }
    }
    csv_lite_close(&csv);
}

/* Real names, and the dev leads' company names as people typed them, when the shared data is there. */
START_TEST(feature_vectors_on_shared_data)
{
    static corpus c;
    l2a_tri_builder *b;
    size_t i;

    if (!l2a_test_data_path("l2a/accounts.csv"))
        return;
    memset(&c, 0, sizeof c);
    add_column(&c, "l2a/dev/persons.csv", "company_name", 100);
    add_column(&c, "l2a/accounts.csv", "name", 100);
    ck_assert_int_eq(l2a_tri_builder_new(&b), L2A_OK);
    for (i = 0; i < c.n; i++)
        ck_assert_int_eq(l2a_tri_builder_add(b, (uint32_t)i, c.name[i].s, c.name[i].len), L2A_OK);
    ck_assert_int_eq(l2a_tri_build(b, (uint32_t)c.n, &c.idx), L2A_OK);
    check_features(&c);
    l2a_tri_free(c.idx);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("name-similarity");
    TCase *tc = tcase_create("reference");

    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, pairs_of_names);
    tcase_add_test(tc, pairs_of_tokens);
    tcase_add_test(tc, feature_vectors);
    tcase_add_test(tc, feature_vectors_on_shared_data);
    suite_add_tcase(s, tc);
    return s;
}
