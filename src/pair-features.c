/* SPDX-License-Identifier: MIT */
#include "pair-features.h"

#include <math.h>
#include <string.h>

#include "domain.h"

/* Keys longer than this are compared on their first EDIT_MAX bytes: typos live in short names. */
#define EDIT_MAX 64
#define MAX_TOKENS 32
/* A floor so that even the most common token counts a little. */
#define MIN_TOKEN_WEIGHT 0.05

static int str_eq(l2a_str a, l2a_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.s, b.s, a.len) == 0);
}

int l2a_person_has_corporate_domain(const l2a_person_view *p)
{
    return (p->email_domain.len && p->email_kind == L2A_DOMAIN_ORDINARY) ||
           (p->website_domain.len && p->website_kind == L2A_DOMAIN_ORDINARY);
}

double l2a_name_edit_similarity(l2a_str a, l2a_str b)
{
    unsigned row[EDIT_MAX + 1];
    size_t n = a.len < EDIT_MAX ? a.len : EDIT_MAX;
    size_t m = b.len < EDIT_MAX ? b.len : EDIT_MAX;
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

/* Splits a key on single spaces; returns the token count (at most MAX_TOKENS). */
static size_t split_tokens(l2a_str key, l2a_str *tokens)
{
    size_t n = 0, i = 0;

    while (i < key.len && n < MAX_TOKENS) {
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

static double token_weight(const l2a_trigram_index *idx, l2a_str t)
{
    double w = idx ? l2a_tri_rarity(idx, t.s, t.len) : 1.0;

    return w < MIN_TOKEN_WEIGHT ? MIN_TOKEN_WEIGHT : w;
}

double l2a_name_token_overlap(const l2a_trigram_index *idx, l2a_str a, l2a_str b)
{
    l2a_str ta[MAX_TOKENS], tb[MAX_TOKENS];
    size_t na = split_tokens(a, ta), nb = split_tokens(b, tb), i;
    double shared = 0.0, all = 0.0;

    for (i = 0; i < na; i++) {
        double w;
        if (contains_token(ta, i, ta[i]))
            continue;
        w = token_weight(idx, ta[i]);
        all += w;
        if (contains_token(tb, nb, ta[i]))
            shared += w;
    }
    for (i = 0; i < nb; i++)
        if (!contains_token(tb, i, tb[i]) && !contains_token(ta, na, tb[i]))
            all += token_weight(idx, tb[i]);
    return all > 0.0 ? shared / all : 0.0;
}

/* Tokens shorter than this, or holding a digit, must match exactly. */
#define FUZZY_MIN_LEN 4
#define FUZZY_MAX_LEN 32
/* The least similarity of two tokens taken for a typo of one another. */
#define FUZZY_MIN_SIMILARITY 0.75

static int has_digit(l2a_str t)
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
 * FUZZY_MIN_SIMILARITY; else 0.
 */
double l2a_token_similarity(l2a_str a, l2a_str b)
{
    unsigned prev2[FUZZY_MAX_LEN + 1], prev[FUZZY_MAX_LEN + 1], cur[FUZZY_MAX_LEN + 1];
    size_t i, j, longest;
    double sim;

    if (str_eq(a, b))
        return a.len ? 1.0 : 0.0;
    if (a.len < FUZZY_MIN_LEN || b.len < FUZZY_MIN_LEN || a.len > FUZZY_MAX_LEN ||
        b.len > FUZZY_MAX_LEN || has_digit(a) || has_digit(b))
        return 0.0;
    longest = a.len > b.len ? a.len : b.len;
    if ((double)(longest - (a.len < b.len ? a.len : b.len)) > (1.0 - FUZZY_MIN_SIMILARITY) * (double)longest)
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
    return sim >= FUZZY_MIN_SIMILARITY ? sim : 0.0;
}

double l2a_name_coverage(const l2a_trigram_index *idx, l2a_str a, l2a_str b)
{
    l2a_str ta[MAX_TOKENS], tb[MAX_TOKENS];
    size_t na = split_tokens(a, ta), nb = split_tokens(b, tb), i, j;
    double found = 0.0, all = 0.0;

    for (i = 0; i < na; i++) {
        double w, best = 0.0;
        if (contains_token(ta, i, ta[i]))
            continue;
        w = token_weight(idx, ta[i]);
        all += w;
        for (j = 0; j < nb && best < 1.0; j++) {
            double sim = l2a_token_similarity(ta[i], tb[j]);
            best = sim > best ? sim : best;
        }
        found += w * best;
    }
    return all > 0.0 ? found / all : 0.0;
}

static int is_stopword(l2a_str t)
{
    static const char *const words[] = {"of", "and", "the", "de", "du", "des", "la", "le", "di",
                                        "del", "der", "und", "for", "at", "in", "y", "e", "et"};
    size_t i;

    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (t.len == strlen(words[i]) && memcmp(t.s, words[i], t.len) == 0)
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

int l2a_name_is_acronym(l2a_str short_name, l2a_str long_name)
{
    l2a_str tokens[MAX_TOKENS];
    char acro[MAX_TOKENS + 1];
    size_t n, k;
    int pass;

    if (short_name.len < 2 || memchr(short_name.s, ' ', short_name.len))
        return 0;
    n = split_tokens(long_name, tokens);
    if (n < 2)
        return 0;
    for (pass = 0; pass < 2; pass++) {
        k = initials(tokens, n, pass, acro);
        if (k == short_name.len && memcmp(acro, short_name.s, k) == 0)
            return 1;
    }
    return 0;
}

static int domain_listed(const l2a_account_view *a, l2a_str domain)
{
    size_t i;

    if (!domain.len)
        return 0;
    for (i = 0; i < a->n_domains; i++)
        if (str_eq(a->domains[i], domain))
            return 1;
    return 0;
}

static void domain_features(const l2a_person_view *p, const l2a_account_view *a, double *out)
{
    int email_ok = p->email_kind == L2A_DOMAIN_ORDINARY && domain_listed(a, p->email_domain);
    int site_ok = p->website_kind == L2A_DOMAIN_ORDINARY && domain_listed(a, p->website_domain);
    uint32_t shared = 0;

    out[L2A_FEATURE_EMAIL_DOMAIN] = email_ok;
    out[L2A_FEATURE_EMAIL_SUBDOMAIN] = email_ok && !str_eq(p->email_host, p->email_domain);
    out[L2A_FEATURE_WEBSITE_DOMAIN] = site_ok;
    if (email_ok)
        shared = p->email_domain_accounts;
    else if (site_ok)
        shared = p->website_domain_accounts;
    out[L2A_FEATURE_DOMAIN_SHARED] = shared > 1 ? log2((double)shared) : 0.0;
    out[L2A_FEATURE_DOMAIN_CONFLICT] = !email_ok && !site_ok && a->n_domains > 0 &&
                                       l2a_person_has_corporate_domain(p);
    out[L2A_FEATURE_FREEMAIL] = p->email_domain.len && p->email_kind != L2A_DOMAIN_ORDINARY;
}

/* The first label of the person's corporate domain against the account name without spaces. */
static double domain_name_similarity(const l2a_person_view *p, const l2a_account_view *a)
{
    char label[64], name[128];
    l2a_str d = p->email_kind == L2A_DOMAIN_ORDINARY && p->email_domain.len ? p->email_domain
                                                                             : p->website_domain;
    l2a_str tokens[MAX_TOKENS];
    size_t i, n = 0, k = 0, nt;
    double best;

    if (!d.len || !a->name.len || !l2a_person_has_corporate_domain(p))
        return 0.0;
    for (i = 0; i < d.len && d.s[i] != '.' && n < sizeof label - 1; i++)
        if (d.s[i] != '-')
            label[n++] = d.s[i];
    for (i = 0; i < a->name.len && k < sizeof name - 1; i++)
        if (a->name.s[i] != ' ')
            name[k++] = a->name.s[i];
    best = l2a_tri_similarity(label, n, name, k);
    /*
     * Or one word of the name: "umbrella.com" is as much "Umbrella Holdings"
     * as "Umbrella Pharmaceuticals", whatever the length of the other words.
     */
    nt = split_tokens(a->name, tokens);
    for (i = 0; i < nt; i++) {
        double sim;
        if (tokens[i].len < 3)
            continue;
        sim = l2a_tri_similarity(label, n, tokens[i].s, tokens[i].len);
        best = sim > best ? sim : best;
    }
    return best;
}

/* The name evidence of one person key against an account's name and aliases. */
typedef struct name_scores {
    double trigram, token, edit, person_cov, account_cov;
    int exact, alias_exact, acronym;
} name_scores;

static void score_one(const l2a_trigram_index *idx, l2a_str key, l2a_str name, name_scores *s)
{
    double t = l2a_tri_similarity(key.s, key.len, name.s, name.len);
    double k = l2a_name_token_overlap(idx, key, name);
    double e = l2a_name_edit_similarity(key, name);
    double pc = l2a_name_coverage(idx, key, name);
    double ac = name.len ? l2a_name_coverage(idx, name, key) : 0.0;

    s->trigram = t > s->trigram ? t : s->trigram;
    s->token = k > s->token ? k : s->token;
    s->edit = e > s->edit ? e : s->edit;
    s->person_cov = pc > s->person_cov ? pc : s->person_cov;
    s->account_cov = ac > s->account_cov ? ac : s->account_cov;
    if (l2a_name_is_acronym(key, name) || l2a_name_is_acronym(name, key))
        s->acronym = 1;
}

static void score_key(const l2a_trigram_index *idx, l2a_str key, const l2a_account_view *a,
                      name_scores *s)
{
    size_t i;

    memset(s, 0, sizeof *s);
    score_one(idx, key, a->name, s);
    s->exact = str_eq(key, a->name);
    for (i = 0; i < a->n_aliases; i++) {
        score_one(idx, key, a->aliases[i], s);
        if (str_eq(key, a->aliases[i]))
            s->alias_exact = 1;
    }
}

static double larger(double a, double b)
{
    return a > b ? a : b;
}

static void name_features(const l2a_trigram_index *idx, const l2a_person_view *p,
                          const l2a_account_view *a, double *out)
{
    name_scores full, head;

    out[L2A_FEATURE_NAME_MISSING] = p->name.len == 0;
    if (p->name.len == 0)
        return;
    out[L2A_FEATURE_NAME_RARITY] = p->name_rarity;
    score_key(idx, p->name, a, &full);
    /*
     * A department, region or note after a separator ("Acme - Marketing",
     * "Acme (EMEA)"): the head of the name is compared too, each feature
     * keeping the better of the two, and name_head says the head matched
     * better than the whole name.
     */
    if (p->name_head.len) {
        score_key(idx, p->name_head, a, &head);
        out[L2A_FEATURE_NAME_HEAD] = head.trigram > full.trigram;
        full.trigram = larger(full.trigram, head.trigram);
        full.token = larger(full.token, head.token);
        full.edit = larger(full.edit, head.edit);
        full.person_cov = larger(full.person_cov, head.person_cov);
        full.account_cov = larger(full.account_cov, head.account_cov);
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

static void location_features(const l2a_person_view *p, const l2a_account_view *a, double *out)
{
    if (p->country && a->country) {
        int same = strcmp(p->country, a->country) == 0;
        out[L2A_FEATURE_COUNTRY_MATCH] = same;
        out[L2A_FEATURE_COUNTRY_MISMATCH] = !same;
    }
    out[L2A_FEATURE_REGION_MATCH] = p->region.len && str_eq(p->region, a->region);
    out[L2A_FEATURE_CITY_MATCH] = p->city.len && str_eq(p->city, a->city);
    /* Country code plus area prefix: the first six digits of the international form. */
    out[L2A_FEATURE_PHONE_PREFIX] = p->phone.len >= 6 && a->phone.len >= 6 &&
                                    memcmp(p->phone.s, a->phone.s, 6) == 0;
}

void l2a_features_compute(const l2a_trigram_index *idx, const l2a_person_view *p,
                          const l2a_account_view *a, double *out)
{
    memset(out, 0, sizeof(double) * L2A_FEATURE_COUNT);
    domain_features(p, a, out);
    name_features(idx, p, a, out);
    location_features(p, a, out);
    out[L2A_FEATURE_DOMAIN_NAME] = domain_name_similarity(p, a);
}
