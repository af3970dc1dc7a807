/* SPDX-License-Identifier: MIT */
#include "logistic-fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ITERATIONS 100
#define STEP_TOLERANCE 1e-9

double fit_sigmoid(double t)
{
    if (t >= 0)
        return 1.0 / (1.0 + exp(-t));
    return exp(t) / (1.0 + exp(t));
}

/* log(1 + exp(t)) without overflow. */
static double softplus(double t)
{
    return t > 0 ? t + log1p(exp(-t)) : log1p(exp(t));
}

/* Solves A x = b for a symmetric positive definite A (k x k) by Cholesky, in place. */
static int solve_spd(double *a, double *b, size_t k)
{
    size_t i, j, l;

    for (j = 0; j < k; j++) {
        double s = a[j * k + j];
        for (l = 0; l < j; l++)
            s -= a[j * k + l] * a[j * k + l];
        if (!(s > 0))
            return -1;
        a[j * k + j] = sqrt(s);
        for (i = j + 1; i < k; i++) {
            double t = a[i * k + j];
            for (l = 0; l < j; l++)
                t -= a[i * k + l] * a[j * k + l];
            a[i * k + j] = t / a[j * k + j];
        }
    }
    for (i = 0; i < k; i++) {
        double t = b[i];
        for (l = 0; l < i; l++)
            t -= a[i * k + l] * b[l];
        b[i] = t / a[i * k + i];
    }
    for (i = k; i-- > 0;) {
        double t = b[i];
        for (l = i + 1; l < k; l++)
            t -= a[l * k + i] * b[l];
        b[i] = t / a[i * k + i];
    }
    return 0;
}

static double row_logit(const fit_data *data, size_t r, const double *w)
{
    const double *x = data->x + r * data->d;
    double z = w[data->d];
    size_t j;

    for (j = 0; j < data->d; j++)
        z += w[j] * x[j];
    return z;
}

static double mean_loss(const fit_data *data, const double *w, double lambda)
{
    double loss = 0.0, reg = 0.0;
    size_t r, j;

    for (r = 0; r < data->n; r++) {
        double z = row_logit(data, r, w);
        loss += data->y[r] > 0.5 ? softplus(-z) : softplus(z);
    }
    for (j = 0; j < data->d; j++)
        reg += w[j] * w[j];
    return loss / (double)data->n + 0.5 * lambda * reg;
}

/* Gradient g and Hessian h (k = d + 1, bias last) of the mean penalised loss at w. */
static void gradient_and_hessian(const fit_data *data, const double *w, double lambda, double *g, double *h)
{
    size_t k = data->d + 1, r, i, j;
    double inv_n = 1.0 / (double)data->n;

    memset(g, 0, k * sizeof *g);
    memset(h, 0, k * k * sizeof *h);
    for (r = 0; r < data->n; r++) {
        const double *x = data->x + r * data->d;
        double p = fit_sigmoid(row_logit(data, r, w));
        double resid = p - data->y[r], weight = p * (1.0 - p);

        for (i = 0; i < k; i++) {
            double xi = i < data->d ? x[i] : 1.0;
            if (xi == 0.0)
                continue;
            g[i] += resid * xi;
            for (j = 0; j <= i; j++) {
                double xj = j < data->d ? x[j] : 1.0;
                h[i * k + j] += weight * xi * xj;
            }
        }
    }
    for (i = 0; i < k; i++) {
        g[i] *= inv_n;
        for (j = 0; j <= i; j++) {
            h[i * k + j] *= inv_n;
            h[j * k + i] = h[i * k + j];
        }
    }
    for (i = 0; i < data->d; i++) {
        g[i] += lambda * w[i];
        h[i * k + i] += lambda;
    }
    /* A tiny ridge on the bias keeps the system solvable when a class is absent. */
    h[data->d * k + data->d] += 1e-12;
}

/*
 * A smooth convex problem for the damped Newton driver: its mean loss at w,
 * and its gradient and Hessian there (k = number of parameters).
 */
typedef struct newton_problem {
    size_t k;
    double (*loss)(const struct newton_problem *pb, const double *w);
    void (*derivatives)(const struct newton_problem *pb, const double *w, double *g, double *h);
} newton_problem;

/*
 * Newton's method from w = 0, halving the step until the loss does not go
 * up, until no parameter moves by more than STEP_TOLERANCE. Returns 0, or
 * -1 when the system cannot be solved (w then holds the last good iterate)
 * or memory runs out.
 */
static int newton_minimize(const newton_problem *pb, double *w, fit_report *report)
{
    size_t k = pb->k, i;
    double *g = malloc(k * sizeof *g), *h = malloc(k * k * sizeof *h), *trial = malloc(k * sizeof *trial);
    double loss;
    unsigned it;
    int rc = -1;

    memset(report, 0, sizeof *report);
    if (!g || !h || !trial)
        goto out;
    memset(w, 0, k * sizeof *w);
    loss = pb->loss(pb, w);
    for (it = 0; it < MAX_ITERATIONS; it++) {
        double step = 1.0, biggest = 0.0, next;

        pb->derivatives(pb, w, g, h);
        if (solve_spd(h, g, k) != 0)
            goto out;
        for (;;) {
            for (i = 0; i < k; i++)
                trial[i] = w[i] - step * g[i];
            next = pb->loss(pb, trial);
            if (next <= loss + 1e-15 || step < 1e-6)
                break;
            step *= 0.5;
        }
        for (i = 0; i < k; i++) {
            double d = fabs(trial[i] - w[i]);
            biggest = d > biggest ? d : biggest;
            w[i] = trial[i];
        }
        loss = next;
        report->iterations = it + 1;
        if (biggest < STEP_TOLERANCE) {
            report->converged = 1;
            break;
        }
    }
    report->log_loss = loss;
    rc = 0;
out:
    free(g);
    free(h);
    free(trial);
    return rc;
}

typedef struct logistic_problem {
    newton_problem base; /* first, so the driver's pointer is this problem's */
    const fit_data *data;
    double lambda;
} logistic_problem;

static double logistic_loss(const newton_problem *pb, const double *w)
{
    const logistic_problem *lp = (const logistic_problem *)pb;
    return mean_loss(lp->data, w, lp->lambda);
}

static void logistic_derivatives(const newton_problem *pb, const double *w, double *g, double *h)
{
    const logistic_problem *lp = (const logistic_problem *)pb;
    gradient_and_hessian(lp->data, w, lp->lambda, g, h);
}

int fit_logistic(const fit_data *data, double lambda, double *w, fit_report *report)
{
    logistic_problem lp = {{data->d + 1, logistic_loss, logistic_derivatives}, data, lambda};

    if (data->n == 0) {
        memset(report, 0, sizeof *report);
        return -1;
    }
    return newton_minimize(&lp.base, w, report);
}

int fit_platt(const double *z, const double *y, size_t n, double *a, double *b)
{
    fit_data data = {z, y, n, 1};
    fit_report report;
    double w[2];

    if (fit_logistic(&data, 0.0, w, &report) != 0)
        return -1;
    *a = w[0];
    *b = w[1];
    return 0;
}

int fit_platt_scale(const double *z, const double *y, size_t n, double *a)
{
    double w = 1.0, loss = 0.0;
    unsigned it;
    size_t i;

    if (n == 0)
        return -1;
    for (i = 0; i < n; i++)
        loss += y[i] > 0.5 ? softplus(-w * z[i]) : softplus(w * z[i]);
    for (it = 0; it < MAX_ITERATIONS; it++) {
        double g = 0.0, h = 1e-12, step = 1.0, trial = w, next = loss;

        for (i = 0; i < n; i++) {
            double p = fit_sigmoid(w * z[i]);
            g += (p - y[i]) * z[i];
            h += p * (1.0 - p) * z[i] * z[i];
        }
        for (;;) {
            trial = w - step * g / h;
            next = 0.0;
            for (i = 0; i < n; i++)
                next += y[i] > 0.5 ? softplus(-trial * z[i]) : softplus(trial * z[i]);
            if (next <= loss + 1e-12 || step < 1e-6)
                break;
            step *= 0.5;
        }
        if (fabs(trial - w) < STEP_TOLERANCE) {
            w = trial;
            break;
        }
        w = trial;
        loss = next;
    }
    *a = w;
    return isfinite(w) ? 0 : -1;
}

static double group_logit(const choice_data *data, size_t row, const double *w)
{
    const double *x = data->x + row * data->d;
    double z = w[data->d];
    size_t j;

    for (j = 0; j < data->d; j++)
        z += w[j] * x[j];
    return z;
}

/* log(1 + sum exp(z)) of one group, stably, with the shares written to p[]. */
static double group_shares(const choice_data *data, size_t g, const double *w, double *p)
{
    size_t a = data->start[g], b = data->start[g + 1], i;
    double top = 0.0, sum;

    for (i = a; i < b; i++) {
        p[i - a] = group_logit(data, i, w);
        top = p[i - a] > top ? p[i - a] : top;
    }
    sum = exp(-top);
    for (i = a; i < b; i++)
        sum += exp(p[i - a] - top);
    for (i = a; i < b; i++)
        p[i - a] = exp(p[i - a] - top) / sum;
    return top + log(sum);
}

static double choice_loss(const choice_data *data, const double *w, double lambda, double *p)
{
    double loss = 0.0, reg = 0.0;
    size_t g, j;

    for (g = 0; g < data->n_groups; g++) {
        double lse = group_shares(data, g, w, p);
        loss += lse - (data->chosen[g] >= 0 ? group_logit(data, (size_t)data->chosen[g], w) : 0.0);
    }
    for (j = 0; j < data->d; j++)
        reg += w[j] * w[j];
    return loss / (double)data->n_groups + 0.5 * lambda * reg;
}

static size_t largest_group(const choice_data *data)
{
    size_t g, most = 1;

    for (g = 0; g < data->n_groups; g++)
        if (data->start[g + 1] - data->start[g] > most)
            most = data->start[g + 1] - data->start[g];
    return most;
}

/*
 * Gradient and Hessian of the mean penalised loss. Per group, with the
 * bias as a constant feature: g += sum p_i x_i - x_chosen and
 * H += sum p_i x_i x_i^T - m m^T, m = sum p_i x_i.
 */
static void choice_derivatives(const choice_data *data, const double *w, double lambda, double *g, double *h,
                               double *p, double *mean)
{
    size_t k = data->d + 1, grp, i, r, c;
    double inv = 1.0 / (double)data->n_groups;

    memset(g, 0, k * sizeof *g);
    memset(h, 0, k * k * sizeof *h);
    for (grp = 0; grp < data->n_groups; grp++) {
        size_t a = data->start[grp], b = data->start[grp + 1];

        group_shares(data, grp, w, p);
        memset(mean, 0, k * sizeof *mean);
        for (i = a; i < b; i++) {
            const double *x = data->x + i * data->d;
            double pi = p[i - a];
            for (r = 0; r < k; r++) {
                double xr = r < data->d ? x[r] : 1.0;
                if (xr == 0.0)
                    continue;
                mean[r] += pi * xr;
                for (c = 0; c <= r; c++) {
                    double xc = c < data->d ? x[c] : 1.0;
                    h[r * k + c] += pi * xr * xc;
                }
            }
        }
        for (r = 0; r < k; r++) {
            g[r] += mean[r];
            for (c = 0; c <= r; c++)
                h[r * k + c] -= mean[r] * mean[c];
        }
        if (data->chosen[grp] >= 0) {
            const double *x = data->x + (size_t)data->chosen[grp] * data->d;
            for (r = 0; r < k; r++)
                g[r] -= r < data->d ? x[r] : 1.0;
        }
    }
    for (r = 0; r < k; r++) {
        g[r] *= inv;
        for (c = 0; c <= r; c++) {
            h[r * k + c] *= inv;
            h[c * k + r] = h[r * k + c];
        }
    }
    for (r = 0; r < data->d; r++) {
        g[r] += lambda * w[r];
        h[r * k + r] += lambda;
    }
    for (r = 0; r < k; r++)
        h[r * k + r] += 1e-10; /* features that never fire keep the system solvable */
}

typedef struct choice_problem {
    newton_problem base; /* first, so the driver's pointer is this problem's */
    const choice_data *data;
    double lambda;
    double *p;    /* shares of one group */
    double *mean; /* the share-weighted mean feature vector of one group */
} choice_problem;

static double choice_problem_loss(const newton_problem *pb, const double *w)
{
    const choice_problem *cp = (const choice_problem *)pb;
    return choice_loss(cp->data, w, cp->lambda, cp->p);
}

static void choice_problem_derivatives(const newton_problem *pb, const double *w, double *g, double *h)
{
    const choice_problem *cp = (const choice_problem *)pb;
    choice_derivatives(cp->data, w, cp->lambda, g, h, cp->p, cp->mean);
}

int fit_choice(const choice_data *data, double lambda, double *w, fit_report *report)
{
    size_t k = data->d + 1;
    choice_problem cp = {{k, choice_problem_loss, choice_problem_derivatives}, data, lambda,
                         malloc(largest_group(data) * sizeof(double)), malloc(k * sizeof(double))};
    int rc = -1;

    memset(report, 0, sizeof *report);
    if (cp.p && cp.mean && data->n_groups > 0)
        rc = newton_minimize(&cp.base, w, report);
    free(cp.p);
    free(cp.mean);
    return rc;
}
