/* SPDX-License-Identifier: MIT */
/* `l2a match`: options to a match job. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "job.h"


static const char usage[] =
    "Usage: l2a match --accounts ACCOUNTS --persons PERSONS [OPTION]...\n"
    "   or: l2a match --index SNAPSHOT --persons PERSONS [OPTION]...\n"
    "Match persons (leads) to accounts (companies).\n"
    "\n"
    "  -a, --accounts FILE      accounts table (CSV or JSON Lines; '-' for stdin)\n"
    "  -i, --index FILE         a snapshot from 'l2a index build', instead of\n"
    "                           --accounts (it carries its model and free-mail domains)\n"
    "  -p, --persons FILE       persons table (CSV or JSON Lines; '-' for stdin)\n"
    "  -o, --output FILE        where to write the matches (default: '-', stdout)\n"
    "      --all                one row per person, with its class and status,\n"
    "                           instead of one row per matched person\n"
    "  -t, --threshold P        probability (0..1) at or above which a best\n"
    "                           candidate is a match (default: the model's)\n"
    "      --model FILE         model file to use instead of the built-in one\n"
    "      --freemail FILE      more free-mail or disposable domains, one a line\n"
    "  -j, --threads N          matching threads (default: all online cores)\n"
    "      --metrics FILE       write job metrics as JSON to FILE\n"
    "      --rejects FILE       reject file (default: OUTPUT.rejects.csv beside the\n"
    "                           output, or ./l2a-rejects.csv for stdout)\n"
    "      --format FMT         csv or jsonl, for files whose name does not tell\n"
    "                           ('-', or not .csv, .jsonl, .ndjson; default csv)\n"
    "      --input-format FMT   csv or jsonl for both inputs, whatever their names\n"
    "      --output-format FMT  csv or jsonl for the output, whatever its name\n"
    "      --explain            add runner_up_id, runner_up_score and reasons columns\n"
    "      --search-every-name  search similar names for every person with a name, not\n"
    "                           only when no account has the name or a close name at\n"
    "                           the person's domain, and always through the trigram\n"
    "                           index, not words first (slower; more rivals scored)\n"
    "  -q, --quiet              no progress line and no summary on stderr\n"
    "  -h, --help               show this help and exit\n"
    "\n"
    "Output columns: person_id,account_id,score,method,relationship_source;\n"
    "with --all: person_id,class,status,account_id,score,method,relationship_source.\n"
    "Rows that cannot be used go to the reject file with their line number,\n"
    "the reason and the raw row; the job goes on. Output and metrics files are\n"
    "written to a temporary file and renamed into place when complete.\n"
    "\n"
    "Exit status: 0 success, 1 success with rejected rows, 2 usage error,\n"
    "3 unreadable input or missing required column, 4 output not written,\n"
    "5 internal or library error.\n";

enum {
    OPT_ALL = 256,
    OPT_MODEL,
    OPT_FREEMAIL,
    OPT_METRICS,
    OPT_REJECTS,
    OPT_FORMAT,
    OPT_INPUT_FORMAT,
    OPT_OUTPUT_FORMAT,
    OPT_EXPLAIN,
    OPT_SEARCH_EVERY_NAME
};

static const struct option long_options[] = {
    {"accounts", required_argument, NULL, 'a'},
    {"index", required_argument, NULL, 'i'},
    {"persons", required_argument, NULL, 'p'},
    {"output", required_argument, NULL, 'o'},
    {"all", no_argument, NULL, OPT_ALL},
    {"threshold", required_argument, NULL, 't'},
    {"model", required_argument, NULL, OPT_MODEL},
    {"freemail", required_argument, NULL, OPT_FREEMAIL},
    {"threads", required_argument, NULL, 'j'},
    {"metrics", required_argument, NULL, OPT_METRICS},
    {"rejects", required_argument, NULL, OPT_REJECTS},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
    {"output-format", required_argument, NULL, OPT_OUTPUT_FORMAT},
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {"search-every-name", no_argument, NULL, OPT_SEARCH_EVERY_NAME},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Returns -1 to go on, or an exit code. */
static int apply_option(int c, const char *arg, match_job_options *o)
{
    switch (c) {
    case 'a': o->accounts_path = arg; break;
    case 'i': o->index_path = arg; break;
    case 'p': o->persons_path = arg; break;
    case 'o': o->output_path = arg; break;
    case OPT_ALL: o->all = true; break;
    case 't':
        o->matcher.has_threshold = true;
        return probability_option("match", "threshold", arg, &o->matcher.threshold);
    case OPT_MODEL: o->matcher.model_path = arg; break;
    case OPT_FREEMAIL: o->matcher.freemail_path = arg; break;
    case 'j': return threads_option("match", arg, &o->threads);
    case OPT_METRICS: o->metrics_path = arg; break;
    case OPT_REJECTS: o->rejects_path = arg; break;
    case OPT_FORMAT: return format_option("match", arg, &o->format);
    case OPT_INPUT_FORMAT: return format_option("match", arg, &o->input_format);
    case OPT_OUTPUT_FORMAT: return format_option("match", arg, &o->output_format);
    case OPT_EXPLAIN: o->explain = true; break;
    case OPT_SEARCH_EVERY_NAME: o->matcher.search_every_name = true; break;
    case 'q': o->quiet = true; break;
    case 'h': fputs(usage, stdout); return 0;
    default: return cli_usage_error("match", "invalid option");
    }
    return -1;
}

static int check_options(const match_job_options *o)
{
    if (!o->accounts_path == !o->index_path)
        return cli_usage_error("match", "give one of --accounts and --index");
    if (o->index_path && (o->matcher.model_path || o->matcher.freemail_path))
        return cli_usage_error("match", "--model and --freemail belong to 'l2a index build' when --index is used");
    if (!o->persons_path)
        return cli_usage_error("match", "--persons is required");
    if (o->accounts_path && strcmp(o->accounts_path, "-") == 0 && strcmp(o->persons_path, "-") == 0)
        return cli_usage_error("match", "only one of --accounts and --persons can be stdin");
    const char *outs[] = {o->metrics_path, o->rejects_path};
    for (size_t i = 0; i < 2; i++)
        if (outs[i] && (strcmp(outs[i], "-") == 0 || strcmp(outs[i], o->output_path) == 0))
            return cli_usage_error("match", "%s must be a file of its own",
                                   i ? "--rejects" : "--metrics");
    return -1;
}

int cmd_match(int argc, char **argv)
{
    match_job_options o = {.output_path = "-", .threads = cli_online_cores()};
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":a:i:p:o:t:j:qh", long_options, NULL)) != -1) {
        if (c == ':')
            return cli_usage_error("match", "option '%s' needs a value", argv[optind - 1]);
        if (c == '?')
            return cli_usage_error("match", "unknown option '%s'", argv[optind - 1]);
        int rc = apply_option(c, optarg, &o);
        if (rc >= 0)
            return rc;
    }
    if (optind < argc)
        return cli_usage_error("match", "unexpected argument '%s'", argv[optind]);
    int rc = check_options(&o);
    if (rc >= 0)
        return rc;
    return run_match_job(&o);
}
