/* SPDX-License-Identifier: MIT */
#include "eval-metrics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double confusion_precision(const confusion *c)
{
    uint64_t matched = c->right + c->wrong;
    return matched ? (double)c->right / (double)matched : NAN;
}

double confusion_recall(const confusion *c)
{
    return c->positives ? (double)c->right / (double)c->positives : NAN;
}

double confusion_f1(const confusion *c)
{
    /* 2PR / (P + R) = 2 right / (matched + positives) */
    uint64_t d = c->right + c->wrong + c->positives;
    return c->positives ? 2.0 * (double)c->right / (double)d : NAN;
}

static void count(confusion *c, const char *predicted, const char *truth)
{
    bool right = predicted && *truth && strcmp(predicted, truth) == 0;
    c->persons++;
    c->positives += *truth != '\0';
    if (predicted) {
        c->right += right;
        c->wrong += !right;
    }
    c->missed += *truth && !right;
}

const char *eval_decision(const eval_person *p, double t, double margin)
{
    if (!p->best_id)
        return NULL;
    /* The same comparisons, on the same doubles, as the matcher's decide(). */
    if (p->second_id && p->best_score - p->second_score <= margin &&
        p->best_score + p->second_score >= t)
        return NULL; /* ambiguous */
    return p->best_score >= t ? p->best_id : NULL;
}

static int compare_rows(const void *a, const void *b)
{
    return strcmp(((const category_row *)a)->name, ((const category_row *)b)->name);
}

static category_row *category_of(category_table *t, const char *name)
{
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->rows[i].name, name) == 0)
            return &t->rows[i];
    t->rows = xrealloc(t->rows, (t->count + 1) * sizeof *t->rows);
    category_row *r = &t->rows[t->count++];
    memset(r, 0, sizeof *r);
    r->name = xstrdup(name);
    return r;
}

static void count_category(category_table *t, const char *name, const eval_person *p,
                           const char *predicted, bool with_baselines)
{
    category_row *r = category_of(t, *name ? name : "(none)");
    count(&r->model, predicted, eval_person_truth(p));
    for (int b = 0; with_baselines && b < BASELINE_COUNT; b++)
        count(&r->baseline[b], p->baseline[b], eval_person_truth(p));
}

static void calibration(eval_figures *f, const eval_person *p)
{
    if (!p->best_id)
        return;
    double y = strcmp(p->best_id, eval_person_truth(p)) == 0 ? 1.0 : 0.0;
    int bin = (int)(p->best_score * EVAL_BINS);
    bin = bin < 0 ? 0 : bin >= EVAL_BINS ? EVAL_BINS - 1 : bin;
    f->bins[bin].count++;
    f->bins[bin].sum_score += p->best_score;
    f->bins[bin].sum_right += y;
    f->with_candidate++;
    f->brier += (p->best_score - y) * (p->best_score - y);
}

static void choose_thresholds(eval_figures *f)
{
    double best_f1 = -1.0;
    f->target_threshold = f->best_f1_threshold = -1.0;
    for (int h = 1; h <= 100; h++) {
        const confusion *c = &f->curve[EVAL_CURVE_INDEX(h)];
        if (h / 100.0 < f->min_threshold - 1e-9)
            continue;
        double p = confusion_precision(c), f1 = confusion_f1(c);
        if (!(p >= f->target_precision))
            continue;
        if (f->target_threshold < 0)
            f->target_threshold = h / 100.0;
        if (f1 > best_f1) {
            best_f1 = f1;
            f->best_f1_threshold = h / 100.0;
        }
    }
}

void eval_figures_compute(eval_figures *f, const eval_set *s, double target_precision,
                          double min_threshold)
{
    memset(f, 0, sizeof *f);
    f->min_threshold = min_threshold;
    f->threshold = s->threshold;
    f->margin = s->margin;
    f->target_precision = target_precision;
    f->has_baselines = s->baselines != NULL;
    f->by_recipe.column = "recipe";
    f->by_name_op.column = "name_op";
    for (size_t i = 0; i < s->count; i++) {
        const eval_person *p = &s->persons[i];
        const char *expect = p->truth->expect;
        if (strcmp(expect, "skipped") == 0) {
            f->account_persons++;
            f->account_persons_skipped += p->status == L2A_STATUS_SKIPPED;
            continue;
        }
        if (strcmp(expect, "anonymous") == 0) {
            f->anonymous++;
            f->anonymous_recognised += p->status == L2A_STATUS_ANONYMOUS;
            continue;
        }
        const char *truth = eval_person_truth(p);
        const char *decided = p->status == L2A_STATUS_MATCHED ? p->best_id : NULL;
        if (p->status >= 0 && p->status < 8)
            f->status_count[p->status]++;
        count(&f->at_threshold, decided, truth);
        for (size_t k = 0; k <= EVAL_CURVE_STEPS; k++)
            count(&f->curve[k], eval_decision(p, (double)k / EVAL_CURVE_STEPS, s->margin), truth);
        const char *replayed = eval_decision(p, s->threshold, s->margin);
        if ((replayed == NULL) != (decided == NULL))
            f->curve_disagreements++;
        calibration(f, p);
        for (int b = 0; f->has_baselines && b < BASELINE_COUNT; b++)
            count(&f->baseline[b], p->baseline[b], truth);
        if (s->truth.has_recipe)
            count_category(&f->by_recipe, p->truth->recipe, p, decided, f->has_baselines);
        if (s->truth.has_name_op)
            count_category(&f->by_name_op, p->truth->name_op, p, decided, f->has_baselines);
    }
    if (f->with_candidate) {
        for (int b = 0; b < EVAL_BINS; b++) {
            const calibration_bin *bin = &f->bins[b];
            if (bin->count)
                f->ece += fabs(bin->sum_right - bin->sum_score) / (double)f->with_candidate;
        }
        f->brier /= (double)f->with_candidate;
    } else {
        f->ece = f->brier = NAN;
    }
    if (f->by_recipe.count > 1)
        qsort(f->by_recipe.rows, f->by_recipe.count, sizeof *f->by_recipe.rows, compare_rows);
    if (f->by_name_op.count > 1)
        qsort(f->by_name_op.rows, f->by_name_op.count, sizeof *f->by_name_op.rows, compare_rows);
    choose_thresholds(f);
}

void eval_figures_free(eval_figures *f)
{
    category_table *tables[2] = {&f->by_recipe, &f->by_name_op};
    for (int t = 0; t < 2; t++) {
        for (size_t i = 0; i < tables[t]->count; i++)
            free(tables[t]->rows[i].name);
        free(tables[t]->rows);
        tables[t]->rows = NULL;
        tables[t]->count = 0;
    }
}
