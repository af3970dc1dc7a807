/* SPDX-License-Identifier: MIT */
/* The figures `l2a eval` reports, computed from a matched lead set in a
 * fixed order (the same set gives the same bits whatever the thread count).
 *
 * Only persons the truth expects to be matched count ("scored": not
 * "skipped", not "anonymous"). A match is right when its account is the
 * truth's; precision = right / matched, recall = right / persons with an
 * account. Ambiguous persons are not matches. Calibration is measured over
 * the best candidate of every scored person that has one: its score against
 * whether it is the right account. */
#ifndef L2A_CLI_EVAL_METRICS_H
#define L2A_CLI_EVAL_METRICS_H

#include <stdbool.h>
#include <stdint.h>

#include "eval-set.h"

#define EVAL_CURVE_STEPS 1000 /* thresholds 0, 0.001, ..., 1 */
#define EVAL_BINS 10

typedef struct confusion {
    uint64_t persons;   /* scored persons */
    uint64_t positives; /* of them, with a right account */
    uint64_t right;     /* matched to the right account */
    uint64_t wrong;     /* matched to another account (or to one where none is right) */
    uint64_t missed;    /* with a right account, not matched to it */
} confusion;

/* NAN when undefined (nothing matched, no positives). */
double confusion_precision(const confusion *c);
double confusion_recall(const confusion *c);
double confusion_f1(const confusion *c);

typedef struct calibration_bin {
    uint64_t count;
    double sum_score; /* sum of best-candidate scores */
    double sum_right; /* how many of them were right */
} calibration_bin;

typedef struct category_row {
    char *name;
    confusion model;
    confusion baseline[BASELINE_COUNT];
} category_row;

typedef struct category_table {
    const char *column; /* "recipe", "name_op" */
    category_row *rows; /* sorted by name */
    size_t count;
} category_table;

typedef struct eval_figures {
    double threshold, margin, target_precision, min_threshold;
    confusion at_threshold;                  /* the library's own decisions */
    confusion curve[EVAL_CURVE_STEPS + 1];   /* the decisions at i / EVAL_CURVE_STEPS */
    calibration_bin bins[EVAL_BINS];
    uint64_t with_candidate;                 /* persons in the calibration */
    double ece, brier;
    bool has_baselines;
    confusion baseline[BASELINE_COUNT];
    category_table by_recipe, by_name_op;    /* count 0 when the truth has no such column */
    /* On the 0.01 grid from min_threshold: the lowest threshold whose precision
     * reaches the target, and the one of highest F1 among those that reach it
     * (the lowest of equals); -1 when none. */
    double target_threshold, best_f1_threshold;
    uint64_t account_persons, account_persons_skipped;
    uint64_t anonymous, anonymous_recognised;
    uint64_t status_count[8];                /* scored persons by l2a_status */
    uint64_t curve_disagreements;            /* replayed decisions that differ from the library's */
} eval_figures;

/* The target thresholds are searched on the 0.01 grid from min_threshold to 1. */
void eval_figures_compute(eval_figures *f, const eval_set *s, double target_precision,
                          double min_threshold);
void eval_figures_free(eval_figures *f);

/* The decision at threshold T replayed from a person's best and runner-up
 * scores, as the matcher makes it: the predicted account id or NULL. */
const char *eval_decision(const eval_person *p, double t, double margin);

/* Index of the curve point of a threshold on the 0.01 grid. */
#define EVAL_CURVE_INDEX(hundredths) ((size_t)(hundredths) * (EVAL_CURVE_STEPS / 100))

#endif
