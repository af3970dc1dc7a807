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
    size_t i, n = 0, k = 0;

    if (!d.len || !a->name.len || !l2a_person_has_corporate_domain(p))
        return 0.0;
    for (i = 0; i < d.len && d.s[i] != '.' && n < sizeof label - 1; i++)
        if (d.s[i] != '-')
            label[n++] = d.s[i];
    for (i = 0; i < a->name.len && k < sizeof name - 1; i++)
        if (a->name.s[i] != ' ')
            name[k++] = a->name.s[i];
    return l2a_tri_similarity(label, n, name, k);
}

static void name_features(const l2a_trigram_index *idx, const l2a_person_view *p,
                          const l2a_account_view *a, double *out)
{
    double trigram, token, edit;
    size_t i;

    out[L2A_FEATURE_NAME_MISSING] = p->name.len == 0;
    if (p->name.len == 0)
        return;
    out[L2A_FEATURE_NAME_RARITY] = p->name_rarity;
    trigram = l2a_tri_similarity(p->name.s, p->name.len, a->name.s, a->name.len);
    token = l2a_name_token_overlap(idx, p->name, a->name);
    edit = l2a_name_edit_similarity(p->name, a->name);
    out[L2A_FEATURE_NAME_EXACT] = str_eq(p->name, a->name);
    out[L2A_FEATURE_NAME_ACRONYM] = l2a_name_is_acronym(p->name, a->name) || l2a_name_is_acronym(a->name, p->name);
    for (i = 0; i < a->n_aliases; i++) {
        l2a_str alias = a->aliases[i];
        double t = l2a_tri_similarity(p->name.s, p->name.len, alias.s, alias.len);
        double k = l2a_name_token_overlap(idx, p->name, alias);
        double e = l2a_name_edit_similarity(p->name, alias);

        trigram = t > trigram ? t : trigram;
        token = k > token ? k : token;
        edit = e > edit ? e : edit;
        if (str_eq(p->name, alias))
            out[L2A_FEATURE_ALIAS_EXACT] = 1.0;
        if (l2a_name_is_acronym(p->name, alias) || l2a_name_is_acronym(alias, p->name))
            out[L2A_FEATURE_NAME_ACRONYM] = 1.0;
    }
    out[L2A_FEATURE_NAME_TRIGRAM] = trigram;
    out[L2A_FEATURE_NAME_TOKEN] = token;
    out[L2A_FEATURE_NAME_EDIT] = edit;
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
