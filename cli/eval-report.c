/* SPDX-License-Identifier: MIT */
#include "eval-report.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic-file.h"
#include "svg-plot.h"

/* The thresholds of the table across thresholds, in hundredths. */
static const int table_thresholds[] = {5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99};

static void number(buf *out, double v)
{
    if (isnan(v))
        buf_puts(out, "–");
    else
        buf_printf(out, "%.4f", v);
}

static const char *title_of(const report_info *info, buf *scratch)
{
    if (info->title)
        return info->title;
    buf_printf(scratch, "Evaluation of %s", info->persons_path);
    return scratch->data;
}

static uint64_t scored(const eval_figures *f)
{
    return f->at_threshold.persons;
}

static void confusion_cells(buf *out, const confusion *c)
{
    buf_puts(out, " | ");
    number(out, confusion_precision(c));
    buf_puts(out, " | ");
    number(out, confusion_recall(c));
    buf_puts(out, " | ");
    number(out, confusion_f1(c));
    buf_printf(out, " | %llu | %llu | %llu |\n", (unsigned long long)c->right,
               (unsigned long long)c->wrong, (unsigned long long)c->missed);
}

static void summary_table(buf *out, const eval_figures *f, const eval_set *s)
{
    buf_puts(out, "| matcher | precision | recall | F1 | right | wrong | missed |\n"
                  "|---|---:|---:|---:|---:|---:|---:|\n");
    buf_printf(out, "| **libl2a** (model `%s`, threshold %.2f)", s->model_version, f->threshold);
    confusion_cells(out, &f->at_threshold);
    for (int b = 0; f->has_baselines && b < BASELINE_COUNT; b++) {
        buf_printf(out, "| baseline: %s", baseline_names[b]);
        confusion_cells(out, &f->baseline[b]);
    }
    buf_putc(out, '\n');
}

static void decisions(buf *out, const eval_figures *f)
{
    buf_printf(out,
               "Decisions on the %llu scored persons: %llu matched, %llu ambiguous, "
               "%llu below the threshold, %llu without a candidate. Account persons skipped: "
               "%llu of %llu; anonymous persons recognised: %llu of %llu.\n\n",
               (unsigned long long)scored(f),
               (unsigned long long)f->status_count[L2A_STATUS_MATCHED],
               (unsigned long long)f->status_count[L2A_STATUS_AMBIGUOUS],
               (unsigned long long)f->status_count[L2A_STATUS_BELOW_THRESHOLD],
               (unsigned long long)f->status_count[L2A_STATUS_NO_CANDIDATE],
               (unsigned long long)f->account_persons_skipped,
               (unsigned long long)f->account_persons,
               (unsigned long long)f->anonymous_recognised, (unsigned long long)f->anonymous);
}

static void calibration_table(buf *out, const eval_figures *f)
{
    buf_printf(out,
               "Over the best candidates of the %llu scored persons that have one: expected "
               "calibration error (%d equal-width bins, weighted by count) **",
               (unsigned long long)f->with_candidate, EVAL_BINS);
    number(out, f->ece);
    buf_puts(out, "**, Brier score **");
    number(out, f->brier);
    buf_puts(out, "**.\n\n| score | persons | mean score | fraction right | gap |\n"
                  "|---|---:|---:|---:|---:|\n");
    for (int b = 0; b < EVAL_BINS; b++) {
        const calibration_bin *bin = &f->bins[b];
        buf_printf(out, "| %.1f–%.1f%s | %llu | ", (double)b / EVAL_BINS,
                   (double)(b + 1) / EVAL_BINS, b == EVAL_BINS - 1 ? " (with 1)" : "",
                   (unsigned long long)bin->count);
        double mean = bin->count ? bin->sum_score / (double)bin->count : NAN;
        double right = bin->count ? bin->sum_right / (double)bin->count : NAN;
        number(out, mean);
        buf_puts(out, " | ");
        number(out, right);
        buf_puts(out, " | ");
        number(out, right - mean);
        buf_puts(out, " |\n");
    }
    buf_putc(out, '\n');
}

/* " from 0.50" when the search for the target starts above 0. */
static const char *grid_note(const eval_figures *f, buf *note)
{
    buf_clear(note);
    if (f->min_threshold > 0)
        buf_printf(note, " from %.2f", f->min_threshold);
    return buf_str(note);
}

static void threshold_table(buf *out, const eval_figures *f)
{
    buf note = {0};
    if (f->target_threshold >= 0) {
        const confusion *c = &f->curve[EVAL_CURVE_INDEX(lround(f->best_f1_threshold * 100))];
        buf_printf(out,
                   "Target precision %.4g: reached from threshold **%.2f** on (on a 0.01 grid"
                   "%s); the highest F1 among the thresholds that reach it is at **%.2f** "
                   "(precision ",
                   f->target_precision, f->target_threshold, grid_note(f, &note),
                   f->best_f1_threshold);
        number(out, confusion_precision(c));
        buf_puts(out, ", recall ");
        number(out, confusion_recall(c));
        buf_puts(out, ", F1 ");
        number(out, confusion_f1(c));
        buf_puts(out, ").\n\n");
    } else {
        buf_printf(out, "Target precision %.4g: no threshold on the 0.01 grid%s reaches it.\n\n",
                   f->target_precision, grid_note(f, &note));
    }
    buf_puts(out, "| threshold | precision | recall | F1 | matched |\n|---:|---:|---:|---:|---:|\n");
    for (size_t i = 0; i < sizeof table_thresholds / sizeof *table_thresholds; i++) {
        const confusion *c = &f->curve[EVAL_CURVE_INDEX(table_thresholds[i])];
        buf_printf(out, "| %.2f | ", table_thresholds[i] / 100.0);
        number(out, confusion_precision(c));
        buf_puts(out, " | ");
        number(out, confusion_recall(c));
        buf_puts(out, " | ");
        number(out, confusion_f1(c));
        buf_printf(out, " | %llu |\n", (unsigned long long)(c->right + c->wrong));
    }
    buf_putc(out, '\n');
    buf_free(&note);
}

static void baseline_cell(buf *out, const confusion *c)
{
    if (c->positives)
        number(out, confusion_f1(c));
    else
        buf_printf(out, "%llu wrong", (unsigned long long)c->wrong);
}

static void category_section(buf *out, const eval_figures *f, const category_table *t,
                             const char *heading)
{
    if (!t->count)
        return;
    buf_printf(out, "### %s\n\n", heading);
    buf_printf(out, "| %s | persons | with account | right | wrong | precision | recall | F1 |",
               t->column);
    for (int b = 0; f->has_baselines && b < BASELINE_COUNT; b++)
        buf_printf(out, " %s |", baseline_names[b]);
    buf_puts(out, "\n|---|---:|---:|---:|---:|---:|---:|---:|");
    for (int b = 0; f->has_baselines && b < BASELINE_COUNT; b++)
        buf_puts(out, "---:|");
    buf_putc(out, '\n');
    for (size_t i = 0; i < t->count; i++) {
        const category_row *r = &t->rows[i];
        buf_printf(out, "| %s | %llu | %llu | %llu | %llu | ", r->name,
                   (unsigned long long)r->model.persons, (unsigned long long)r->model.positives,
                   (unsigned long long)r->model.right, (unsigned long long)r->model.wrong);
        number(out, confusion_precision(&r->model));
        buf_puts(out, " | ");
        number(out, confusion_recall(&r->model));
        buf_puts(out, " | ");
        number(out, confusion_f1(&r->model));
        buf_puts(out, " |");
        for (int b = 0; f->has_baselines && b < BASELINE_COUNT; b++) {
            buf_putc(out, ' ');
            baseline_cell(out, &r->baseline[b]);
            buf_puts(out, " |");
        }
        buf_putc(out, '\n');
    }
    buf_putc(out, '\n');
}

void eval_report_markdown(buf *out, const eval_figures *f, const eval_set *s,
                          const report_info *info)
{
    buf scratch = {0};
    buf_printf(out, "## %s\n\n", title_of(info, &scratch));
    buf_printf(out,
               "- accounts: `%s` (%llu loaded)\n- persons: `%s` (%zu read, %llu scored)\n"
               "- truth: `%s`\n- model: `%s`, threshold %.2f, ambiguity margin %.2f\n\n",
               info->accounts_path, (unsigned long long)s->accounts_loaded, info->persons_path,
               s->persons_read, (unsigned long long)scored(f), info->truth_path,
               s->model_version, f->threshold, f->margin);
    buf_puts(out, "### At the threshold\n\n");
    summary_table(out, f, s);
    decisions(out, f);
    buf_puts(out, "### Calibration\n\n");
    calibration_table(out, f);
    buf_puts(out, "### Across thresholds\n\n");
    threshold_table(out, f);
    category_section(out, f, &f->by_recipe, "Per category (recipe)");
    category_section(out, f, &f->by_name_op, "Per change of the company name (name_op)");
    buf_free(&scratch);
}

/* ---- JSON ---- */

static json_t *real_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static json_t *count_json(uint64_t n)
{
    return json_integer((json_int_t)n);
}

static json_t *confusion_json(const confusion *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "persons", count_json(c->persons));
    json_object_set_new(o, "with_account", count_json(c->positives));
    json_object_set_new(o, "right", count_json(c->right));
    json_object_set_new(o, "wrong", count_json(c->wrong));
    json_object_set_new(o, "missed", count_json(c->missed));
    json_object_set_new(o, "precision", real_or_null(confusion_precision(c)));
    json_object_set_new(o, "recall", real_or_null(confusion_recall(c)));
    json_object_set_new(o, "f1", real_or_null(confusion_f1(c)));
    return o;
}

static json_t *baselines_json(const confusion *base, bool has)
{
    if (!has)
        return json_null();
    json_t *o = json_object();
    static const char *const keys[BASELINE_COUNT] = {"domain", "name", "domain_else_trigram"};
    for (int b = 0; b < BASELINE_COUNT; b++)
        json_object_set_new(o, keys[b], confusion_json(&base[b]));
    return o;
}

static json_t *categories_json(const eval_figures *f, const category_table *t)
{
    if (!t->count)
        return json_null();
    json_t *o = json_object();
    for (size_t i = 0; i < t->count; i++) {
        json_t *row = json_object();
        json_object_set_new(row, "libl2a", confusion_json(&t->rows[i].model));
        json_object_set_new(row, "baselines",
                            baselines_json(t->rows[i].baseline, f->has_baselines));
        json_object_set_new(o, t->rows[i].name, row);
    }
    return o;
}

static json_t *calibration_json(const eval_figures *f)
{
    json_t *bins = json_array();
    for (int b = 0; b < EVAL_BINS; b++) {
        const calibration_bin *bin = &f->bins[b];
        json_t *o = json_object();
        json_object_set_new(o, "from", json_real((double)b / EVAL_BINS));
        json_object_set_new(o, "to", json_real((double)(b + 1) / EVAL_BINS));
        json_object_set_new(o, "count", count_json(bin->count));
        json_object_set_new(o, "mean_score",
                            bin->count ? json_real(bin->sum_score / (double)bin->count)
                                       : json_null());
        json_object_set_new(o, "fraction_right",
                            bin->count ? json_real(bin->sum_right / (double)bin->count)
                                       : json_null());
        json_array_append_new(bins, o);
    }
    json_t *o = json_object();
    json_object_set_new(o, "persons", count_json(f->with_candidate));
    json_object_set_new(o, "ece", real_or_null(f->ece));
    json_object_set_new(o, "brier", real_or_null(f->brier));
    json_object_set_new(o, "bins", bins);
    return o;
}

static json_t *curve_json(const eval_figures *f)
{
    json_t *a = json_array();
    for (int h = 0; h <= 100; h++) {
        const confusion *c = &f->curve[EVAL_CURVE_INDEX(h)];
        json_t *o = json_object();
        json_object_set_new(o, "threshold", json_real(h / 100.0));
        json_object_set_new(o, "precision", real_or_null(confusion_precision(c)));
        json_object_set_new(o, "recall", real_or_null(confusion_recall(c)));
        json_object_set_new(o, "f1", real_or_null(confusion_f1(c)));
        json_object_set_new(o, "matched", count_json(c->right + c->wrong));
        json_array_append_new(a, o);
    }
    return a;
}

void eval_report_json(buf *out, const eval_figures *f, const eval_set *s,
                      const report_info *info)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "inputs",
                        json_pack("{s:s, s:s, s:s}", "accounts", info->accounts_path, "persons",
                                  info->persons_path, "truth", info->truth_path));
    json_object_set_new(doc, "model",
                        json_pack("{s:s, s:f, s:f}", "version", s->model_version, "threshold",
                                  f->threshold, "ambiguity_margin", f->margin));
    json_t *counts = json_object();
    json_object_set_new(counts, "accounts_loaded", count_json(s->accounts_loaded));
    json_object_set_new(counts, "persons_read", count_json(s->persons_read));
    json_object_set_new(counts, "persons_left_out", count_json(s->rejected + s->without_truth));
    json_object_set_new(counts, "scored", count_json(scored(f)));
    json_object_set_new(counts, "matched", count_json(f->status_count[L2A_STATUS_MATCHED]));
    json_object_set_new(counts, "ambiguous", count_json(f->status_count[L2A_STATUS_AMBIGUOUS]));
    json_object_set_new(counts, "below_threshold",
                        count_json(f->status_count[L2A_STATUS_BELOW_THRESHOLD]));
    json_object_set_new(counts, "no_candidate",
                        count_json(f->status_count[L2A_STATUS_NO_CANDIDATE]));
    json_object_set_new(counts, "account_persons", count_json(f->account_persons));
    json_object_set_new(counts, "account_persons_skipped",
                        count_json(f->account_persons_skipped));
    json_object_set_new(counts, "anonymous", count_json(f->anonymous));
    json_object_set_new(counts, "anonymous_recognised", count_json(f->anonymous_recognised));
    json_object_set_new(doc, "counts", counts);
    json_object_set_new(doc, "at_threshold", confusion_json(&f->at_threshold));
    json_object_set_new(doc, "baselines", baselines_json(f->baseline, f->has_baselines));
    json_object_set_new(doc, "calibration", calibration_json(f));
    json_t *target = json_object();
    json_object_set_new(target, "precision", json_real(f->target_precision));
    json_object_set_new(target, "min_threshold", json_real(f->min_threshold));
    json_object_set_new(target, "lowest_threshold",
                        f->target_threshold >= 0 ? json_real(f->target_threshold) : json_null());
    json_object_set_new(target, "best_f1_threshold",
                        f->best_f1_threshold >= 0 ? json_real(f->best_f1_threshold)
                                                  : json_null());
    json_object_set_new(doc, "target", target);
    json_object_set_new(doc, "thresholds", curve_json(f));
    json_object_set_new(doc, "per_recipe", categories_json(f, &f->by_recipe));
    json_object_set_new(doc, "per_name_op", categories_json(f, &f->by_name_op));
    char *text = json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    json_decref(doc);
    if (!text)
        cli_out_of_memory();
    buf_puts(out, text);
    buf_putc(out, '\n');
    free(text);
}

/* ---- SVG ---- */

void eval_report_reliability_svg(buf *out, const eval_figures *f, const eval_set *s)
{
    svg_bin bins[EVAL_BINS];
    for (int b = 0; b < EVAL_BINS; b++) {
        const calibration_bin *cb = &f->bins[b];
        bins[b].lo = (double)b / EVAL_BINS;
        bins[b].hi = (double)(b + 1) / EVAL_BINS;
        bins[b].count = cb->count;
        bins[b].mean_score = cb->count ? cb->sum_score / (double)cb->count : 0.0;
        bins[b].fraction = cb->count ? cb->sum_right / (double)cb->count : 0.0;
    }
    char subtitle[160];
    snprintf(subtitle, sizeof subtitle,
             "model %s, %llu best candidates, ECE %.4f, Brier %.4f", s->model_version,
             (unsigned long long)f->with_candidate, f->ece, f->brier);
    svg_reliability(out, "Reliability of the match score", subtitle, bins, EVAL_BINS);
}

void eval_report_pr_svg(buf *out, const eval_figures *f, const eval_set *s)
{
    double recall[EVAL_CURVE_STEPS + 1], precision[EVAL_CURVE_STEPS + 1];
    double lowest = 1.0;
    size_t n = 0;
    /* From the highest threshold down, so the curve runs left to right. */
    for (size_t k = EVAL_CURVE_STEPS + 1; k-- > 0;) {
        const confusion *c = &f->curve[k];
        if (c->right + c->wrong == 0)
            continue;
        recall[n] = confusion_recall(c);
        precision[n] = confusion_precision(c);
        if (k >= EVAL_CURVE_INDEX(5) && precision[n] < lowest)
            lowest = precision[n];
        n++;
    }
    svg_mark marks[1 + BASELINE_COUNT];
    char labels[1 + BASELINE_COUNT][160];
    static const svg_shape shapes[BASELINE_COUNT] = {SVG_SQUARE, SVG_DIAMOND, SVG_SQUARE};
    size_t m = 0;
    const confusion *at = &f->at_threshold;
    snprintf(labels[0], sizeof labels[0], "libl2a at its threshold %.2f (P %.4f, R %.4f)",
             f->threshold, confusion_precision(at), confusion_recall(at));
    marks[m++] = (svg_mark){confusion_recall(at), confusion_precision(at), labels[0], SVG_CIRCLE};
    for (int b = 0; f->has_baselines && b < BASELINE_COUNT; b++) {
        const confusion *c = &f->baseline[b];
        snprintf(labels[m], sizeof labels[m], "baseline: %s (P %.4f, R %.4f)", baseline_names[b],
                 confusion_precision(c), confusion_recall(c));
        marks[m] = (svg_mark){confusion_recall(c), confusion_precision(c), labels[m], shapes[b]};
        if (marks[m].y < lowest)
            lowest = marks[m].y;
        m++;
    }
    double y_min = floor(lowest * 10.0) / 10.0;
    if (lowest > 0.9)
        y_min = floor(lowest * 50.0) / 50.0;
    y_min = y_min < 0 ? 0 : y_min >= 1.0 ? 0.9 : y_min;
    char subtitle[160];
    snprintf(subtitle, sizeof subtitle,
             "model %s, %llu scored persons, thresholds 0.05 to 1 (curve)", s->model_version,
             (unsigned long long)scored(f));
    /* Only thresholds from 0.05 up: below that the curve leaves the frame. */
    size_t keep = 0;
    for (size_t k = EVAL_CURVE_STEPS + 1, i = 0; k-- > 0;) {
        const confusion *c = &f->curve[k];
        if (c->right + c->wrong == 0)
            continue;
        if (k >= EVAL_CURVE_INDEX(5)) {
            recall[keep] = recall[i];
            precision[keep] = precision[i];
            keep++;
        }
        i++;
    }
    svg_pr_curve(out, "Precision and recall across thresholds", subtitle, recall, precision,
                 keep, y_min, marks, m, f->target_precision);
}

bool write_whole_file(const char *path, const buf *content, buf *err)
{
    atomic_file f;
    if (!atomic_file_open(&f, path, err))
        return false;
    if (!atomic_file_write(&f, content->data ? content->data : "", content->len)) {
        buf_printf(err, "%s: write error", path);
        atomic_file_abort(&f);
        return false;
    }
    return atomic_file_commit(&f, err);
}
