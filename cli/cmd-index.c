/* SPDX-License-Identifier: MIT */
/* `l2a index build`: accounts in, one snapshot file out, for `l2a match --index`. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "matcher-setup.h"

static const char usage[] =
    "Usage: l2a index build --accounts ACCOUNTS --output SNAPSHOT [OPTION]...\n"
    "Build the matcher once and save it to one file; 'l2a match --index SNAPSHOT'\n"
    "then starts at once, and processes that open the same file share its memory.\n"
    "\n"
    "  -a, --accounts FILE      accounts table (CSV or JSON Lines; '-' for stdin)\n"
    "  -o, --output FILE        the snapshot to write (written to a temporary\n"
    "                           file and renamed into place)\n"
    "  -t, --threshold P        the default threshold kept in the snapshot\n"
    "      --model FILE         model file to use instead of the built-in one\n"
    "      --freemail FILE      more free-mail or disposable domains, one a line\n"
    "      --input-format FMT   csv or jsonl, whatever the accounts file's name\n"
    "  -q, --quiet              no progress line and no summary on stderr\n"
    "  -h, --help               show this help and exit\n"
    "\n"
    "Account rows that cannot be used are reported on stderr and left out.\n"
    "Exit status: 0 success, 1 success with rejected rows, 2 usage error,\n"
    "3 unreadable input, 4 snapshot not written, 5 internal or library error.\n";

enum { OPT_MODEL = 256, OPT_FREEMAIL, OPT_INPUT_FORMAT };

static const struct option long_options[] = {
    {"accounts", required_argument, NULL, 'a'},
    {"output", required_argument, NULL, 'o'},
    {"threshold", required_argument, NULL, 't'},
    {"model", required_argument, NULL, OPT_MODEL},
    {"freemail", required_argument, NULL, OPT_FREEMAIL},
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

typedef struct index_options {
    const char *accounts_path;
    const char *output_path;
    table_format input_format;
    bool quiet;
    matcher_options matcher;
} index_options;

/* Returns -1 to go on, or an exit code. */
static int apply_option(int c, const char *arg, index_options *o)
{
    switch (c) {
    case 'a': o->accounts_path = arg; break;
    case 'o': o->output_path = arg; break;
    case 't':
        o->matcher.has_threshold = true;
        return probability_option("index", "threshold", arg, &o->matcher.threshold);
    case OPT_MODEL: o->matcher.model_path = arg; break;
    case OPT_FREEMAIL: o->matcher.freemail_path = arg; break;
    case OPT_INPUT_FORMAT: return format_option("index", arg, &o->input_format);
    case 'q': o->quiet = true; break;
    case 'h': fputs(usage, stdout); return 0;
    default: return cli_usage_error("index", "invalid option");
    }
    return -1;
}

static int build_index(const index_options *o)
{
    l2a_matcher *m = NULL;
    job_metrics metrics;
    buf err = {0};
    int rc, e;

    memset(&metrics, 0, sizeof metrics);
    rc = matcher_create(&m, &o->matcher, &err);
    if (rc == 0)
        rc = matcher_load_accounts(m, o->accounts_path, o->input_format, FORMAT_AUTO, NULL, &metrics,
                                   o->quiet, &err);
    if (rc == 0 && (e = l2a_matcher_save_snapshot(m, o->output_path)) != L2A_OK) {
        buf_printf(&err, "%s", *l2a_matcher_errmsg(m) ? l2a_matcher_errmsg(m) : l2a_strerror(e));
        rc = e == L2A_ERR_IO ? CLI_EXIT_OUTPUT : CLI_EXIT_INTERNAL;
    }
    if (rc != 0 && rc != CLI_EXIT_REJECTS)
        fprintf(stderr, "l2a index: %s\n", buf_str(&err));
    else {
        if (!o->quiet)
            fprintf(stderr, "l2a index: %zu accounts saved to %s (%llu rejected)\n", l2a_matcher_account_count(m),
                    o->output_path, (unsigned long long)metrics.accounts_rejected);
        rc = metrics.accounts_rejected ? CLI_EXIT_REJECTS : CLI_EXIT_OK;
    }
    buf_free(&err);
    l2a_matcher_free(m);
    return rc;
}

int cmd_index(int argc, char **argv)
{
    index_options o = {0};
    int c;

    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "build") != 0)
        return cli_usage_error("index", "unknown action '%s' (build)", argv[1]);
    argc--;
    argv++;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":a:o:t:qh", long_options, NULL)) != -1) {
        if (c == ':')
            return cli_usage_error("index", "option '%s' needs a value", argv[optind - 1]);
        if (c == '?')
            return cli_usage_error("index", "unknown option '%s'", argv[optind - 1]);
        int rc = apply_option(c, optarg, &o);
        if (rc >= 0)
            return rc;
    }
    if (optind < argc)
        return cli_usage_error("index", "unexpected argument '%s'", argv[optind]);
    if (!o.accounts_path || !o.output_path)
        return cli_usage_error("index", "--accounts and --output are required");
    if (strcmp(o.output_path, "-") == 0)
        return cli_usage_error("index", "a snapshot must be a file, not standard output");
    return build_index(&o);
}
