/* SPDX-License-Identifier: MIT */
/* `l2a eval`: match a labelled lead set and report how good the decisions
 * and the scores are, beside three simple baselines. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "eval-metrics.h"
#include "eval-report.h"
#include "eval-set.h"

/* A --require-* target was missed (the reports are written all the same). */
#define EXIT_TARGET_MISSED 6

static const char usage[] =
    "Usage: l2a eval --accounts ACCOUNTS --persons PERSONS --truth TRUTH [OPTION]...\n"
    "Match a labelled set of persons and measure the decisions and the scores:\n"
    "precision, recall and F1 at the threshold and across thresholds, the\n"
    "expected calibration error and Brier score of the best candidates, tables\n"
    "per category (the truth's recipe and name_op columns), the threshold that\n"
    "reaches a target precision, and optionally three baselines.\n"
    "\n"
    "  -a, --accounts FILE         accounts table (CSV or JSON Lines)\n"
    "  -p, --persons FILE          persons table (CSV or JSON Lines)\n"
    "      --truth FILE            person_id,account_id[,recipe,name_op,expect]\n"
    "      --model FILE            model file to use instead of the built-in one\n"
    "      --freemail FILE         more free-mail or disposable domains, one a line\n"
    "  -t, --threshold P           decision threshold (default: the model's)\n"
    "      --target-precision P    report the thresholds that reach this precision\n"
    "                              (default 0.99)\n"
    "      --min-threshold P       look for them from P up (default 0)\n"
    "      --baselines             also score the baselines: domain only, exact\n"
    "                              normalized name, domain else trigram >= 0.5\n"
    "  -o, --output FILE           the report, in Markdown (default: '-', stdout)\n"
    "      --title TEXT            the report's heading\n"
    "      --json FILE             the figures as JSON\n"
    "      --reliability-svg FILE  the reliability diagram (SVG)\n"
    "      --pr-svg FILE           the precision-recall curve (SVG)\n"
    "      --require-precision P   fail (exit 6) when precision is below P\n"
    "      --require-recall R      fail (exit 6) when recall is below R\n"
    "      --require-ece E         fail (exit 6) when the calibration error is above E\n"
    "      --require-beat-baselines\n"
    "                              fail (exit 6) unless libl2a's F1 is above every\n"
    "                              baseline's (implies --baselines)\n"
    "      --input-format FMT      csv or jsonl for all inputs, whatever their names\n"
    "  -j, --threads N             matching threads (default: all online cores); the\n"
    "                              figures do not depend on it\n"
    "  -q, --quiet                 no progress line\n"
    "  -h, --help                  show this help and exit\n"
    "\n"
    "Only persons whose truth row expects a match count: rows marked 'skipped'\n"
    "(account persons) or 'anonymous' are checked apart. Ambiguous persons are\n"
    "not matches.\n"
    "\n"
    "Exit status: 0 success, 2 usage error, 3 unreadable input, 4 output not\n"
    "written, 5 internal or library error, 6 a --require target was missed.\n";

enum {
    OPT_TRUTH = 256,
    OPT_MODEL,
    OPT_FREEMAIL,
    OPT_TARGET,
    OPT_MIN_THRESHOLD,
    OPT_BASELINES,
    OPT_TITLE,
    OPT_JSON,
    OPT_RELIABILITY,
    OPT_PR,
    OPT_REQ_PRECISION,
    OPT_REQ_RECALL,
    OPT_REQ_ECE,
    OPT_REQ_BASELINES,
    OPT_INPUT_FORMAT
};

static const struct option long_options[] = {
    {"accounts", required_argument, NULL, 'a'},
    {"persons", required_argument, NULL, 'p'},
    {"truth", required_argument, NULL, OPT_TRUTH},
    {"model", required_argument, NULL, OPT_MODEL},
    {"freemail", required_argument, NULL, OPT_FREEMAIL},
    {"threshold", required_argument, NULL, 't'},
    {"target-precision", required_argument, NULL, OPT_TARGET},
    {"min-threshold", required_argument, NULL, OPT_MIN_THRESHOLD},
    {"baselines", no_argument, NULL, OPT_BASELINES},
    {"output", required_argument, NULL, 'o'},
    {"title", required_argument, NULL, OPT_TITLE},
    {"json", required_argument, NULL, OPT_JSON},
    {"reliability-svg", required_argument, NULL, OPT_RELIABILITY},
    {"pr-svg", required_argument, NULL, OPT_PR},
    {"require-precision", required_argument, NULL, OPT_REQ_PRECISION},
    {"require-recall", required_argument, NULL, OPT_REQ_RECALL},
    {"require-ece", required_argument, NULL, OPT_REQ_ECE},
    {"require-beat-baselines", no_argument, NULL, OPT_REQ_BASELINES},
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
    {"threads", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

typedef struct eval_cli {
    eval_options set;
    report_info info;
    const char *output_path, *json_path, *reliability_path, *pr_path;
    double target_precision, min_threshold;
    double min_precision, min_recall, max_ece; /* NAN: not required */
    bool beat_baselines;
} eval_cli;

/* Returns -1 to go on, or an exit code. */
static int apply_option(int c, const char *arg, eval_cli *o)
{
    switch (c) {
    case 'a': o->set.accounts_path = arg; break;
    case 'p': o->set.persons_path = arg; break;
    case OPT_TRUTH: o->set.truth_path = arg; break;
    case OPT_MODEL: o->set.matcher.model_path = arg; break;
    case OPT_FREEMAIL: o->set.matcher.freemail_path = arg; break;
    case 't':
        o->set.matcher.has_threshold = true;
        return probability_option("eval", "threshold", arg, &o->set.matcher.threshold);
    case OPT_TARGET:
        return probability_option("eval", "target-precision", arg, &o->target_precision);
    case OPT_MIN_THRESHOLD:
        return probability_option("eval", "min-threshold", arg, &o->min_threshold);
    case OPT_BASELINES: o->set.baselines = true; break;
    case 'o': o->output_path = arg; break;
    case OPT_TITLE: o->info.title = arg; break;
    case OPT_JSON: o->json_path = arg; break;
    case OPT_RELIABILITY: o->reliability_path = arg; break;
    case OPT_PR: o->pr_path = arg; break;
    case OPT_REQ_PRECISION:
        return probability_option("eval", "require-precision", arg, &o->min_precision);
    case OPT_REQ_RECALL:
        return probability_option("eval", "require-recall", arg, &o->min_recall);
    case OPT_REQ_ECE: return probability_option("eval", "require-ece", arg, &o->max_ece);
    case OPT_REQ_BASELINES:
        o->beat_baselines = true;
        o->set.baselines = true;
        break;
    case OPT_INPUT_FORMAT: return format_option("eval", arg, &o->set.input_format);
    case 'j': return threads_option("eval", arg, &o->set.threads);
    case 'q': o->set.quiet = true; break;
    case 'h': fputs(usage, stdout); return 0;
    default: return cli_usage_error("eval", "invalid option");
    }
    return -1;
}

static int check_options(const eval_cli *o)
{
    if (!o->set.accounts_path)
        return cli_usage_error("eval", "--accounts is required");
    if (!o->set.persons_path)
        return cli_usage_error("eval", "--persons is required");
    if (!o->set.truth_path)
        return cli_usage_error("eval", "--truth is required");
    const char *inputs[] = {o->set.accounts_path, o->set.persons_path, o->set.truth_path};
    for (size_t i = 0; i < 3; i++)
        if (strcmp(inputs[i], "-") == 0)
            return cli_usage_error("eval", "inputs must be files, not standard input");
    const char *outs[] = {o->json_path, o->reliability_path, o->pr_path};
    for (size_t i = 0; i < 3; i++)
        if (outs[i] && strcmp(outs[i], "-") == 0)
            return cli_usage_error("eval", "only the report (--output) can go to stdout");
    return -1;
}

static bool write_output(const char *path, void (*render)(buf *, const eval_figures *,
                                                          const eval_set *),
                         const eval_figures *f, const eval_set *s)
{
    buf content = {0}, err = {0};
    render(&content, f, s);
    bool ok = write_whole_file(path, &content, &err);
    if (!ok)
        cli_error("%s", buf_str(&err));
    buf_free(&content);
    buf_free(&err);
    return ok;
}

static bool write_reports(const eval_cli *o, const eval_figures *f, const eval_set *s)
{
    buf content = {0}, err = {0};
    bool ok = true;
    eval_report_markdown(&content, f, s, &o->info);
    if (!write_whole_file(o->output_path, &content, &err)) {
        cli_error("%s", buf_str(&err));
        ok = false;
    }
    if (ok && o->json_path) {
        buf_clear(&content);
        eval_report_json(&content, f, s, &o->info);
        if (!write_whole_file(o->json_path, &content, &err)) {
            cli_error("%s", buf_str(&err));
            ok = false;
        }
    }
    buf_free(&content);
    buf_free(&err);
    if (ok && o->reliability_path)
        ok = write_output(o->reliability_path, eval_report_reliability_svg, f, s);
    if (ok && o->pr_path)
        ok = write_output(o->pr_path, eval_report_pr_svg, f, s);
    return ok;
}

/* Whether every --require target is met; each miss is reported on stderr. */
static bool targets_met(const eval_cli *o, const eval_figures *f)
{
    bool met = true;
    double p = confusion_precision(&f->at_threshold), r = confusion_recall(&f->at_threshold);
    double f1 = confusion_f1(&f->at_threshold);
    if (!isnan(o->min_precision) && !(p >= o->min_precision)) {
        cli_error("precision %.4f is below the required %.4f", p, o->min_precision);
        met = false;
    }
    if (!isnan(o->min_recall) && !(r >= o->min_recall)) {
        cli_error("recall %.4f is below the required %.4f", r, o->min_recall);
        met = false;
    }
    if (!isnan(o->max_ece) && !(f->ece <= o->max_ece)) {
        cli_error("expected calibration error %.4f is above the required %.4f", f->ece,
                  o->max_ece);
        met = false;
    }
    for (int b = 0; o->beat_baselines && b < BASELINE_COUNT; b++) {
        double fb = confusion_f1(&f->baseline[b]);
        if (!(f1 > fb) && !isnan(fb)) {
            cli_error("F1 %.4f does not beat the baseline '%s' (%.4f)", f1, baseline_names[b],
                      fb);
            met = false;
        }
    }
    return met;
}

int cmd_eval(int argc, char **argv)
{
    eval_cli o = {.output_path = "-", .target_precision = 0.99, .min_precision = NAN,
                  .min_recall = NAN, .max_ece = NAN};
    o.set.threads = cli_online_cores();
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":a:p:o:t:j:qh", long_options, NULL)) != -1) {
        if (c == ':')
            return cli_usage_error("eval", "option '%s' needs a value", argv[optind - 1]);
        if (c == '?')
            return cli_usage_error("eval", "unknown option '%s'", argv[optind - 1]);
        int rc = apply_option(c, optarg, &o);
        if (rc >= 0)
            return rc;
    }
    if (optind < argc)
        return cli_usage_error("eval", "unexpected argument '%s'", argv[optind]);
    int rc = check_options(&o);
    if (rc >= 0)
        return rc;
    o.info.accounts_path = o.set.accounts_path;
    o.info.persons_path = o.set.persons_path;
    o.info.truth_path = o.set.truth_path;

    eval_set set;
    buf err = {0};
    rc = eval_set_load(&set, &o.set, &err);
    if (rc != 0) {
        cli_error("%s", buf_str(&err));
        buf_free(&err);
        eval_set_free(&set);
        return rc;
    }
    buf_free(&err);
    eval_figures f;
    eval_figures_compute(&f, &set, o.target_precision, o.min_threshold);
    if (f.curve_disagreements)
        cli_warn("%llu decisions replayed from the scores differ from the matcher's",
                 (unsigned long long)f.curve_disagreements);
    if (!write_reports(&o, &f, &set))
        rc = CLI_EXIT_OUTPUT;
    else if (!targets_met(&o, &f))
        rc = EXIT_TARGET_MISSED;
    eval_figures_free(&f);
    eval_set_free(&set);
    return rc;
}
