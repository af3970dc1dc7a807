/* SPDX-License-Identifier: MIT */
/* A labelled lead set, matched: the accounts loaded into a matcher, every
 * person of the persons table matched (on N threads; the outcome is the
 * same whatever N) and paired with its truth row. `l2a eval` scores the
 * decisions; `l2a train` reads every candidate's features. */
#ifndef L2A_CLI_EVAL_SET_H
#define L2A_CLI_EVAL_SET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eval-baselines.h"
#include "l2a.h"
#include "matcher-setup.h"
#include "truth.h"

typedef struct eval_options {
    const char *accounts_path;
    const char *persons_path;
    const char *truth_path;
    matcher_options matcher;
    table_format input_format; /* FORMAT_AUTO: from the file names */
    unsigned threads;
    bool quiet;
    bool keep_candidates; /* keep every candidate's id and features */
    bool baselines;       /* also run the three baselines */
} eval_options;

typedef struct eval_person {
    char *id;
    const truth_entry *truth;
    int person_class;   /* l2a_person_class */
    int status;         /* l2a_status at the matcher's threshold */
    char *best_id, *second_id; /* NULL when there is none */
    double best_score, second_score;
    /* keep_candidates: every scored candidate, best first */
    uint32_t n_cands;
    char **cand_ids;
    double *features;   /* n_cands rows of L2A_FEATURE_COUNT values */
    const char *baseline[BASELINE_COUNT]; /* borrowed from the baselines */
} eval_person;

typedef struct eval_set {
    eval_person *persons; /* usable persons that the truth lists, in input order */
    size_t count;
    size_t persons_read;
    size_t rejected;      /* rows that could not be used (warned about) */
    size_t without_truth; /* persons the truth does not list (left out) */
    truth_table truth;
    l2a_matcher *matcher;
    baselines *baselines; /* NULL unless asked for */
    double threshold, margin;
    const char *model_version;
    uint64_t accounts_loaded;
} eval_set;

/* Returns 0, or an exit code with a message in err. */
int eval_set_load(eval_set *s, const eval_options *o, buf *err);
void eval_set_free(eval_set *s);

/* The persons that are scored: the truth expects neither "skipped" nor
 * "anonymous". */
bool eval_person_scored(const eval_person *p);
/* The truth's account for the person ("" when none is right). */
const char *eval_person_truth(const eval_person *p);

#endif
