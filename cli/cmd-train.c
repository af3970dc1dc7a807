/* SPDX-License-Identifier: MIT */
/* `l2a train`: fit the scorer on a labelled lead set and write a model file.
 *
 * The persons are matched with the real candidate generator and every
 * candidate's real features are read back through the public API. A
 * deterministic share of the persons (by a hash of person_id) fits the
 * conditional logit (the candidates of a person compete with "none"); the
 * rest fits the Platt calibration of the best candidate's share. Every sum
 * runs in input order on one thread: the same input gives the same file. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#include "cli.h"
#include "eval-report.h"
#include "eval-set.h"
#include "logistic-fit.h"
#include "writer.h"

#define DEFAULT_LAMBDA 1e-4
#define DEFAULT_HOLDOUT 20
#define DEFAULT_VERSION "l2a-trained"
#define CALIBRATION_BINS 10
/* The clamp the library applies before taking the log-odds of a share. */
#define SHARE_EPSILON 1e-12

static const char usage[] =
    "Usage: l2a train --accounts ACCOUNTS --persons PERSONS --truth TRUTH -o MODEL [OPTION]...\n"
    "Fit the matching model on a labelled set of persons and write a model file.\n"
    "\n"
    "Every person is matched with the real candidate generator and each\n"
    "candidate's features are computed as in 'l2a match', except that similar\n"
    "names are searched for every person, even one whose name the exact keys\n"
    "explain: the rivals found so teach the model what speaks against an\n"
    "account (another corporate domain, another country). The persons whose\n"
    "hashed person_id falls outside the holdout fit an L2-regularised\n"
    "conditional logit (each person's candidates compete with 'none'); the\n"
    "holdout fits the Platt calibration of the best candidate's share,\n"
    "p = 1 / (1 + exp(-(a * logit(share) + b))), with b = 0 unless asked:\n"
    "then a share of one half stays one half, and the probabilities of two\n"
    "candidates never add up to more than 1.\n"
    "\n"
    "  -a, --accounts FILE      accounts table (CSV or JSON Lines)\n"
    "  -p, --persons FILE       persons table (CSV or JSON Lines)\n"
    "      --truth FILE         person_id,account_id[,recipe,name_op,expect]\n"
    "  -o, --output FILE        where to write the model\n"
    "      --lambda L           L2 penalty on the weights (default 1e-4)\n"
    "      --holdout PERCENT    share of persons kept for calibration (default 20;\n"
    "                           0: no calibration, every person fits the weights)\n"
    "      --model-version NAME the model's version line (default l2a-trained)\n"
    "  -t, --threshold P        the default threshold written to the model (default 0.5)\n"
    "      --platt-intercept    fit the calibration's b as well as its a\n"
    "      --pairs FILE         also write the training pairs as CSV: person_id,\n"
    "                           account_id, fold, right, then one column per feature\n"
    "      --freemail FILE      more free-mail or disposable domains, one a line\n"
    "      --input-format FMT   csv or jsonl for all inputs, whatever their names\n"
    "  -j, --threads N          matching threads (default: all online cores); the\n"
    "                           model does not depend on it\n"
    "  -q, --quiet              no progress line and no summary on stderr\n"
    "  -h, --help               show this help and exit\n"
    "\n"
    "Exit status: 0 success, 2 usage error, 3 unreadable input, 4 output not\n"
    "written, 5 internal error (the fit failed).\n";

enum { OPT_TRUTH = 256, OPT_LAMBDA, OPT_HOLDOUT, OPT_VERSION, OPT_PAIRS, OPT_FREEMAIL,
       OPT_INPUT_FORMAT, OPT_PLATT_INTERCEPT };

static const struct option long_options[] = {
    {"accounts", required_argument, NULL, 'a'},
    {"persons", required_argument, NULL, 'p'},
    {"truth", required_argument, NULL, OPT_TRUTH},
    {"output", required_argument, NULL, 'o'},
    {"lambda", required_argument, NULL, OPT_LAMBDA},
    {"holdout", required_argument, NULL, OPT_HOLDOUT},
    {"model-version", required_argument, NULL, OPT_VERSION},
    {"threshold", required_argument, NULL, 't'},
    {"pairs", required_argument, NULL, OPT_PAIRS},
    {"platt-intercept", no_argument, NULL, OPT_PLATT_INTERCEPT},
    {"freemail", required_argument, NULL, OPT_FREEMAIL},
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
    {"threads", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

typedef struct train_cli {
    eval_options set;
    const char *output_path, *pairs_path, *version;
    double lambda, threshold;
    unsigned long holdout;
    bool platt_intercept; /* fit b too, not only a */
} train_cli;

/* The training groups: the candidates of one person each. */
typedef struct groups {
    double *x;      /* rows of L2A_FEATURE_COUNT */
    size_t rows, cap_rows;
    size_t *start;  /* count + 1 */
    long *chosen;   /* per group: the right candidate's index in it, or -1 */
    const eval_person **person;
    size_t count, cap;
} groups;

static bool valid_version(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 63)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] <= ' ' || s[i] > '~' || s[i] == '#')
            return false;
    return true;
}

/* Returns -1 to go on, or an exit code. */
static int apply_option(int c, const char *arg, train_cli *o)
{
    char *end;
    switch (c) {
    case 'a': o->set.accounts_path = arg; break;
    case 'p': o->set.persons_path = arg; break;
    case OPT_TRUTH: o->set.truth_path = arg; break;
    case 'o': o->output_path = arg; break;
    case OPT_LAMBDA:
        o->lambda = strtod(arg, &end);
        if (end == arg || *end || !(o->lambda >= 0.0) || !isfinite(o->lambda))
            return cli_usage_error("train", "--lambda: '%s' is not a number >= 0", arg);
        break;
    case OPT_HOLDOUT:
        if (!parse_count(arg, 90, &o->holdout))
            return cli_usage_error("train", "--holdout: '%s' is not a percentage from 0 to 90",
                                   arg);
        break;
    case OPT_VERSION:
        if (!valid_version(arg))
            return cli_usage_error("train", "--model-version: '%s' is not one printable word "
                                            "of at most 63 bytes", arg);
        o->version = arg;
        break;
    case 't': return probability_option("train", "threshold", arg, &o->threshold);
    case OPT_PAIRS: o->pairs_path = arg; break;
    case OPT_PLATT_INTERCEPT: o->platt_intercept = true; break;
    case OPT_FREEMAIL: o->set.matcher.freemail_path = arg; break;
    case OPT_INPUT_FORMAT: return format_option("train", arg, &o->set.input_format);
    case 'j': return threads_option("train", arg, &o->set.threads);
    case 'q': o->set.quiet = true; break;
    case 'h': fputs(usage, stdout); return 0;
    default: return cli_usage_error("train", "invalid option");
    }
    return -1;
}

static int check_options(const train_cli *o)
{
    if (!o->set.accounts_path)
        return cli_usage_error("train", "--accounts is required");
    if (!o->set.persons_path)
        return cli_usage_error("train", "--persons is required");
    if (!o->set.truth_path)
        return cli_usage_error("train", "--truth is required");
    if (!o->output_path)
        return cli_usage_error("train", "--output is required");
    const char *inputs[] = {o->set.accounts_path, o->set.persons_path, o->set.truth_path};
    for (size_t i = 0; i < 3; i++)
        if (strcmp(inputs[i], "-") == 0)
            return cli_usage_error("train", "inputs must be files, not standard input");
    if (o->pairs_path && strcmp(o->pairs_path, o->output_path) == 0)
        return cli_usage_error("train", "--pairs must be a file of its own");
    return -1;
}

/* Whether a person fits the weights (else it calibrates). */
static bool in_fit_fold(const eval_person *p, unsigned long holdout)
{
    return XXH3_64bits(p->id, strlen(p->id)) % 100 >= holdout;
}

static bool trainable(const eval_person *p)
{
    return eval_person_scored(p) && p->person_class == L2A_CLASS_KNOWN && p->n_cands > 0;
}

static long right_candidate(const eval_person *p)
{
    const char *truth = eval_person_truth(p);
    for (uint32_t i = 0; *truth && i < p->n_cands; i++)
        if (strcmp(p->cand_ids[i], truth) == 0)
            return (long)i;
    return -1;
}

static void add_group(groups *g, const eval_person *p)
{
    if (g->count + 1 >= g->cap) {
        g->cap = g->cap ? 2 * g->cap : 1024;
        g->start = xrealloc(g->start, (g->cap + 1) * sizeof *g->start);
        g->chosen = xrealloc(g->chosen, g->cap * sizeof *g->chosen);
        g->person = xrealloc(g->person, g->cap * sizeof *g->person);
    }
    if (g->rows + p->n_cands > g->cap_rows) {
        while (g->rows + p->n_cands > g->cap_rows)
            g->cap_rows = g->cap_rows ? 2 * g->cap_rows : 16384;
        g->x = xrealloc(g->x, g->cap_rows * L2A_FEATURE_COUNT * sizeof *g->x);
    }
    if (g->count == 0)
        g->start[0] = 0;
    memcpy(g->x + g->rows * L2A_FEATURE_COUNT, p->features,
           (size_t)p->n_cands * L2A_FEATURE_COUNT * sizeof *g->x);
    g->rows += p->n_cands;
    g->chosen[g->count] = right_candidate(p);
    g->person[g->count] = p;
    g->start[++g->count] = g->rows;
}

static void free_groups(groups *g)
{
    free(g->x);
    free(g->start);
    free(g->chosen);
    free(g->person);
}

/* z = bias + sum w.x in feature order, as the library's scorer adds it. */
static double logit_of(const double *w, const double *x)
{
    double z = w[L2A_FEATURE_COUNT];
    for (int f = 0; f < L2A_FEATURE_COUNT; f++)
        z += w[f] * x[f];
    return z;
}

/*
 * The best candidate of group k under weights w (equal log-odds: the lower
 * account id, as the matcher orders them), the log-odds of its share of the
 * softmax with "none" as the matcher computes and clamps it, and whether it
 * is the right account.
 */
static double best_share_logit(const groups *g, size_t k, const double *w, bool *right)
{
    size_t a = g->start[k], b = g->start[k + 1], best = a;
    const eval_person *p = g->person[k];
    double top = 0.0, zbest = -INFINITY;
    for (size_t i = a; i < b; i++) {
        double z = logit_of(w, g->x + i * L2A_FEATURE_COUNT);
        if (z > zbest || (z == zbest && strcmp(p->cand_ids[i - a], p->cand_ids[best - a]) < 0)) {
            zbest = z;
            best = i;
        }
        top = z > top ? z : top;
    }
    double sum = exp(-top);
    for (size_t i = a; i < b; i++)
        sum += exp(logit_of(w, g->x + i * L2A_FEATURE_COUNT) - top);
    double q = exp(zbest - top) / sum;
    q = q < SHARE_EPSILON ? SHARE_EPSILON : q > 1.0 - SHARE_EPSILON ? 1.0 - SHARE_EPSILON : q;
    *right = g->chosen[k] == (long)(best - a);
    return log(q / (1.0 - q));
}

/* Expected calibration error of sigma(a * s + b) over 10 equal-width bins. */
static double calibration_error(const double *s, const double *y, size_t n, double a, double b)
{
    double sum_p[CALIBRATION_BINS] = {0}, sum_y[CALIBRATION_BINS] = {0}, e = 0.0;
    for (size_t i = 0; i < n; i++) {
        double p = fit_sigmoid(a * s[i] + b);
        int bin = (int)(p * CALIBRATION_BINS);
        bin = bin < 0 ? 0 : bin >= CALIBRATION_BINS ? CALIBRATION_BINS - 1 : bin;
        sum_p[bin] += p;
        sum_y[bin] += y[i];
    }
    for (int k = 0; k < CALIBRATION_BINS; k++)
        e += fabs(sum_p[k] - sum_y[k]);
    return n ? e / (double)n : NAN;
}

typedef struct fit_result {
    double w[L2A_FEATURE_COUNT + 1];
    double platt_a, platt_b;
    fit_report report;
    size_t fit_groups, fit_right_found, fit_rows;
    size_t cal_groups;
    double ece_before, ece_after;
} fit_result;

static int fit_model(const train_cli *o, const eval_set *s, fit_result *r, buf *err)
{
    groups fit = {0}, cal = {0};
    for (size_t i = 0; i < s->count; i++) {
        const eval_person *p = &s->persons[i];
        if (trainable(p))
            add_group(in_fit_fold(p, o->holdout) ? &fit : &cal, p);
    }
    int rc = 0;
    r->fit_groups = fit.count;
    r->fit_rows = fit.rows;
    r->cal_groups = cal.count;
    for (size_t k = 0; k < fit.count; k++)
        r->fit_right_found += fit.chosen[k] >= 0;
    /* fit_choice wants the right row's index among all rows. */
    long *chosen_row = xmalloc((fit.count ? fit.count : 1) * sizeof *chosen_row);
    for (size_t k = 0; k < fit.count; k++)
        chosen_row[k] = fit.chosen[k] < 0 ? -1 : (long)fit.start[k] + fit.chosen[k];
    choice_data data = {fit.x, L2A_FEATURE_COUNT, fit.start, chosen_row, fit.count};
    if (fit.count == 0) {
        buf_printf(err, "no person to fit the model on: none has a candidate");
        rc = CLI_EXIT_INPUT;
    } else if (fit_choice(&data, o->lambda, r->w, &r->report) != 0) {
        buf_printf(err, "the fit of the weights failed (a singular system)");
        rc = CLI_EXIT_INTERNAL;
    }
    r->platt_a = 1.0;
    r->platt_b = 0.0;
    if (rc == 0 && cal.count) {
        double *sl = xmalloc(cal.count * sizeof *sl), *y = xmalloc(cal.count * sizeof *y);
        for (size_t k = 0; k < cal.count; k++) {
            bool right;
            sl[k] = best_share_logit(&cal, k, r->w, &right);
            y[k] = right;
        }
        r->ece_before = calibration_error(sl, y, cal.count, 1.0, 0.0);
        int failed = o->platt_intercept
                         ? fit_platt(sl, y, cal.count, &r->platt_a, &r->platt_b)
                         : fit_platt_scale(sl, y, cal.count, &r->platt_a);
        if (failed ||
            !isfinite(r->platt_a) || !isfinite(r->platt_b)) {
            buf_printf(err, "the Platt calibration failed");
            rc = CLI_EXIT_INTERNAL;
        }
        r->ece_after = calibration_error(sl, y, cal.count, r->platt_a, r->platt_b);
        free(sl);
        free(y);
    }
    for (int f = 0; rc == 0 && f <= L2A_FEATURE_COUNT; f++)
        if (!isfinite(r->w[f])) {
            buf_printf(err, "the fit diverged");
            rc = CLI_EXIT_INTERNAL;
        }
    free(chosen_row);
    free_groups(&fit);
    free_groups(&cal);
    return rc;
}

/* The shortest decimal that reads back as exactly v (at most 17 digits). */
static const char *number(double v, char *text, size_t size)
{
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(text, size, "%.*g", digits, v);
        if (strtod(text, NULL) == v)
            break;
    }
    return text;
}

static void model_text(buf *out, const train_cli *o, const fit_result *r)
{
    buf_printf(out,
               "# libl2a model, written by 'l2a train'.\n"
               "# Conditional logit over the candidates of each person (L2 lambda %g),\n"
               "# fitted on %zu persons (%zu candidate pairs); Platt calibration%s of the\n"
               "# best candidate's share fitted on %zu held-out persons (%lu%% by a hash\n"
               "# of person_id). Held-out calibration error (10 bins): %.4f before, %.4f after.\n",
               o->lambda, r->fit_groups, r->fit_rows, o->platt_intercept ? "" : " (b = 0)",
               r->cal_groups, o->holdout, r->ece_before, r->ece_after);
    char a[32], b[32];
    buf_printf(out, "l2a-model 1\nversion %s\nthreshold %s\nbias %s\n", o->version,
               number(o->threshold, a, sizeof a), number(r->w[L2A_FEATURE_COUNT], b, sizeof b));
    for (int f = 0; f < L2A_FEATURE_COUNT; f++)
        buf_printf(out, "weight %s %s\n", l2a_feature_name(f), number(r->w[f], a, sizeof a));
    buf_printf(out, "calibration platt %s %s\nend\n", number(r->platt_a, a, sizeof a),
               number(r->platt_b, b, sizeof b));
}

/* The written model must load: the library is the judge of the format. */
static int check_model(const buf *text, buf *err)
{
    l2a_matcher *m = NULL;
    if (l2a_matcher_new(&m) != L2A_OK)
        cli_out_of_memory();
    int e = l2a_matcher_set_model(m, text->data, text->len);
    if (e != L2A_OK)
        buf_printf(err, "the model written does not load: %s", l2a_matcher_errmsg(m));
    l2a_matcher_free(m);
    return e == L2A_OK ? 0 : CLI_EXIT_INTERNAL;
}

static void pairs_text(buf *out, const train_cli *o, const eval_set *s)
{
    buf_puts(out, "person_id,account_id,fold,right");
    for (int f = 0; f < L2A_FEATURE_COUNT; f++)
        buf_printf(out, ",%s", l2a_feature_name(f));
    buf_putc(out, '\n');
    for (size_t i = 0; i < s->count; i++) {
        const eval_person *p = &s->persons[i];
        if (!trainable(p))
            continue;
        long right = right_candidate(p);
        const char *fold = in_fit_fold(p, o->holdout) ? "fit" : "calibration";
        for (uint32_t c = 0; c < p->n_cands; c++) {
            csv_append_field(out, p->id, strlen(p->id));
            buf_putc(out, ',');
            csv_append_field(out, p->cand_ids[c], strlen(p->cand_ids[c]));
            buf_printf(out, ",%s,%d", fold, right == (long)c);
            for (int f = 0; f < L2A_FEATURE_COUNT; f++)
                buf_printf(out, ",%.17g", p->features[(size_t)c * L2A_FEATURE_COUNT + f]);
            buf_putc(out, '\n');
        }
    }
}

static void summary(const train_cli *o, const fit_result *r)
{
    fprintf(stderr,
            "l2a: fitted on %zu persons (%zu with the right account among their candidates, "
            "%zu candidate pairs): %u Newton steps%s, mean log-loss %.5f\n",
            r->fit_groups, r->fit_right_found, r->fit_rows, r->report.iterations,
            r->report.converged ? "" : " (not converged)", r->report.log_loss);
    if (o->holdout)
        fprintf(stderr,
                "l2a: Platt calibration on %zu held-out persons: a = %.4f, b = %.4f; "
                "calibration error %.4f before, %.4f after\n",
                r->cal_groups, r->platt_a, r->platt_b, r->ece_before, r->ece_after);
    fprintf(stderr, "l2a: bias %+.3f", r->w[L2A_FEATURE_COUNT]);
    for (int f = 0; f < L2A_FEATURE_COUNT; f++)
        fprintf(stderr, ", %s %+.3f", l2a_feature_name(f), r->w[f]);
    fputc('\n', stderr);
}

int cmd_train(int argc, char **argv)
{
    train_cli o = {.lambda = DEFAULT_LAMBDA, .holdout = DEFAULT_HOLDOUT,
                   .version = DEFAULT_VERSION, .threshold = 0.5};
    o.set.threads = cli_online_cores();
    o.set.keep_candidates = true;
    /* Every rival a name search finds is a lesson: see the usage text. */
    o.set.matcher.search_every_name = true;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":a:p:o:t:j:qh", long_options, NULL)) != -1) {
        if (c == ':')
            return cli_usage_error("train", "option '%s' needs a value", argv[optind - 1]);
        if (c == '?')
            return cli_usage_error("train", "unknown option '%s'", argv[optind - 1]);
        int rc = apply_option(c, optarg, &o);
        if (rc >= 0)
            return rc;
    }
    if (optind < argc)
        return cli_usage_error("train", "unexpected argument '%s'", argv[optind]);
    int rc = check_options(&o);
    if (rc >= 0)
        return rc;

    eval_set set;
    buf err = {0}, text = {0};
    fit_result r;
    memset(&r, 0, sizeof r);
    rc = eval_set_load(&set, &o.set, &err);
    if (rc == 0)
        rc = fit_model(&o, &set, &r, &err);
    if (rc == 0) {
        model_text(&text, &o, &r);
        rc = check_model(&text, &err);
    }
    if (rc == 0 && o.pairs_path) {
        buf pairs = {0};
        pairs_text(&pairs, &o, &set);
        if (!write_whole_file(o.pairs_path, &pairs, &err))
            rc = CLI_EXIT_OUTPUT;
        buf_free(&pairs);
    }
    if (rc == 0 && !write_whole_file(o.output_path, &text, &err))
        rc = CLI_EXIT_OUTPUT;
    if (rc != 0)
        cli_error("%s", buf_str(&err));
    else if (!o.set.quiet)
        summary(&o, &r);
    buf_free(&err);
    buf_free(&text);
    eval_set_free(&set);
    return rc;
}
