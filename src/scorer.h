/* SPDX-License-Identifier: MIT */
/*
 * The scorer: a logistic model over the pairwise features, with a
 * calibration step, read from and written to a versioned text format
 * (docs/model-format.md). Knows nothing of indexes or records.
 */
#ifndef L2A_SCORER_H
#define L2A_SCORER_H

#include <stddef.h>

#include "buf.h"
#include "l2a.h"

#define L2A_MODEL_FORMAT_VERSION 1
#define L2A_MODEL_VERSION_MAX 64

typedef struct l2a_model {
    char version[L2A_MODEL_VERSION_MAX]; /* e.g. "l2a-default-2" */
    double bias;
    double weights[L2A_FEATURE_COUNT];
    /* Platt scaling of a raw log-odds z: p = 1 / (1 + exp(-(a * z + b))). */
    double platt_a;
    double platt_b;
    double threshold; /* the default decision threshold */
} l2a_model;

/* A model that scores every pair 0.5: zero weights, identity calibration. */
void l2a_model_init(l2a_model *model);

/*
 * Parses model text. On failure returns L2A_ERR_MODEL_FORMAT and writes a
 * message naming the line into errmsg (L2A_ERRMSG_SIZE bytes); *model is
 * left unchanged.
 */
int l2a_model_parse(const char *text, size_t len, l2a_model *model, char *errmsg);

/* Writes the model in the text format (exactly round-trips through parse). */
int l2a_model_write(const l2a_model *model, l2a_buf *out);

/*
 * The raw log-odds of a feature vector; the per-feature contributions
 * (weight * value) go to contributions[] when it is non-NULL.
 */
double l2a_model_logit(const l2a_model *model, const double *features, double *contributions);

/* The calibrated probability of a raw log-odds. */
double l2a_model_probability(const l2a_model *model, double logit);

/* The calibrated probability of a raw probability p (0..1): Platt scaling of its log-odds. */
double l2a_model_calibrate(const l2a_model *model, double p);

/* The compiled-in default model, generated at build time from data/model/default.model. */
extern const char l2a_default_model_text[];
extern const size_t l2a_default_model_size;

#endif
