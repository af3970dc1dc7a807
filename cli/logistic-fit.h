/* SPDX-License-Identifier: MIT */
/*
 * Fitting the scorer: L2-regularised logistic regression by Newton's method
 * (iteratively reweighted least squares) and Platt calibration. Plain
 * arithmetic in a fixed order, so the same data always gives the same bits.
 */
#ifndef L2A_CLI_LOGISTIC_FIT_H
#define L2A_CLI_LOGISTIC_FIT_H

#include <stddef.h>

/* Rows of d features; x is n * d doubles, row-major; y is 0 or 1. */
typedef struct fit_data {
    const double *x;
    const double *y;
    size_t n;
    size_t d;
} fit_data;

typedef struct fit_report {
    unsigned iterations;
    double log_loss; /* mean, at the solution */
    int converged;
} fit_report;

/*
 * Fits weights w[0..d-1] and bias w[d] minimising the mean log-loss plus
 * lambda/2 * |w|^2 (the bias is not penalised). Returns 0, or -1 when the
 * system cannot be solved (then w holds the last good iterate) or memory
 * runs out.
 */
int fit_logistic(const fit_data *data, double lambda, double *w, fit_report *report);

/*
 * Choice data for a conditional logit: group g holds the rows
 * [start[g], start[g+1]) of x (the candidates of one person) and chosen[g],
 * the row of the right candidate or -1 when none of them is right.
 */
typedef struct choice_data {
    const double *x; /* rows of d features */
    size_t d;
    const size_t *start; /* n_groups + 1 offsets */
    const long *chosen;  /* n_groups entries */
    size_t n_groups;
} choice_data;

/*
 * Fits w[0..d-1] and the bias w[d] of the conditional logit
 * P(row i) = exp(z_i) / (1 + sum_j exp(z_j)), z = w.x + bias, where the 1 is
 * the "none" option, minimising the mean negative log-likelihood plus
 * lambda/2 * |w|^2. Returns 0 or -1.
 */
int fit_choice(const choice_data *data, double lambda, double *w, fit_report *report);

/* Platt scaling: a, b maximising the likelihood of y given sigma(a * z + b). Returns 0 or -1. */
int fit_platt(const double *z, const double *y, size_t n, double *a, double *b);

/*
 * Symmetric Platt scaling: the a maximising the likelihood of y given
 * sigma(a * z), with no intercept, so that z = 0 stays at probability 0.5.
 * Returns 0 or -1.
 */
int fit_platt_scale(const double *z, const double *y, size_t n, double *a);

/* sigma(t) computed without overflow. */
double fit_sigmoid(double t);

#endif
