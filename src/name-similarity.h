/* SPDX-License-Identifier: MIT */
/*
 * The name similarities of pair-features.c on keys split once. A person's
 * key is compared with every candidate's name and aliases, so what depends
 * on it alone (its tokens, their IDF weights, the positions of its bytes)
 * is prepared once per person (l2a_name_key); a candidate's name or alias is
 * split once per pair (l2a_name_tokens), its token weights computed when
 * first needed. The values are those of the one-pair functions of
 * pair-features.h, bit for bit: the same operations on the same numbers in
 * the same order.
 */
#ifndef L2A_NAME_SIMILARITY_H
#define L2A_NAME_SIMILARITY_H

#include <stddef.h>
#include <stdint.h>

#include "pair-features.h"
#include "trigram.h"

/* Tokens past this many are not compared (a key splits on single spaces). */
#define L2A_NAME_MAX_TOKENS 32
/* Keys longer than this are compared by edits on their first L2A_EDIT_MAX bytes. */
#define L2A_EDIT_MAX 64

/* A key split on spaces, with what comparing its tokens needs. */
typedef struct l2a_name_tokens {
    l2a_str key;
    size_t n; /* at most L2A_NAME_MAX_TOKENS */
    l2a_str tok[L2A_NAME_MAX_TOKENS];
    double weight[L2A_NAME_MAX_TOKENS]; /* IDF weight, valid where bit i of weighed is set */
    uint32_t weighed;
    uint32_t repeat; /* bit i: an earlier token is the same, so token i counts in no sum */
    uint32_t fuzzy;  /* bit i: long enough and without digits to be a typo of another token */
} l2a_name_tokens;

/* A person's key, prepared once for comparing with many names. */
typedef struct l2a_name_key {
    l2a_name_tokens tokens; /* every weight known */
    const l2a_trigram_index *idx; /* the index the weights come from (may be NULL) */
    l2a_tri_sim_key trigrams;     /* the key's trigram set */
    size_t edit_len;              /* bytes compared by edits: the key's first L2A_EDIT_MAX */
    uint64_t byte_at[256];        /* [byte] bit i set when byte i of the key (i < edit_len) is it */
} l2a_name_key;

/* The first label of a domain compared with account names, at most this long. */
#define L2A_DOMAIN_LABEL_MAX 63

/*
 * The person's side of l2a_features_compute (pair-features.h). It points
 * into the view's keys, and its label's trigram set into its label: it
 * lives where it was prepared, and is not copied.
 */
struct l2a_person_prep {
    const l2a_trigram_index *idx;
    l2a_name_key name; /* of the view's name, when it has one */
    l2a_name_key head; /* of its name head, when it has one */
    char label[L2A_DOMAIN_LABEL_MAX]; /* the label of its corporate domain, hyphens dropped */
    size_t label_len;                 /* 0 when it has none */
    l2a_tri_sim_key label_trigrams;
};

/* Splits key (which must outlive t); no weight is known yet. */
void l2a_name_tokens_split(l2a_name_tokens *t, l2a_str key);

/* Splits key, weighs its tokens from idx (NULL: all weigh 1), keeps its trigrams and byte positions. */
void l2a_name_key_prepare(l2a_name_key *k, const l2a_trigram_index *idx, l2a_str key);

/* Token evidence of a prepared key against a name (pair-features.h defines each). */
typedef struct l2a_token_scores {
    double overlap;       /* l2a_name_token_overlap(key, name) */
    double key_coverage;  /* l2a_name_coverage(key, name) */
    double name_coverage; /* l2a_name_coverage(name, key) */
} l2a_token_scores;

/* Fills the name's missing weights (from k's index) as it goes. */
void l2a_name_key_compare_tokens(const l2a_name_key *k, l2a_name_tokens *name, l2a_token_scores *out);

/* l2a_name_edit_similarity(key, name). */
double l2a_name_key_edit_similarity(const l2a_name_key *k, l2a_str name);

/* l2a_name_is_acronym(short_name, long_name) for names already split. */
int l2a_name_tokens_acronym(const l2a_name_tokens *short_name, const l2a_name_tokens *long_name);

#endif
