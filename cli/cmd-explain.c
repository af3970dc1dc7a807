/* SPDX-License-Identifier: MIT */
/* `l2a explain`: one person against the accounts, every candidate with its
 * features, contributions and probability, and the decision. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "matcher-setup.h"
#include "writer.h"

static const char usage[] =
    "Usage: l2a explain --accounts ACCOUNTS [PERSON OPTION]... [OPTION]...\n"
    "Match one person, given by options, and show how the decision was made:\n"
    "the person class, every candidate account with its feature values,\n"
    "contributions to the log-odds and probability, and the decision.\n"
    "\n"
    "Person:\n"
    "      --email EMAIL        work email address\n"
    "      --company NAME       company name as the person typed it\n"
    "      --website URL        company website\n"
    "      --country COUNTRY    ISO 3166 alpha-2 code or English name\n"
    "      --region REGION      state, province or region\n"
    "      --city CITY          city\n"
    "      --phone PHONE        phone number\n"
    "      --account-ids IDS    accounts already tied to the person ('|'-separated)\n"
    "\n"
    "Options:\n"
    "  -a, --accounts FILE      accounts table (CSV or JSON Lines)\n"
    "  -t, --threshold P        match threshold (default: the model's)\n"
    "      --model FILE         model file to use instead of the built-in one\n"
    "      --freemail FILE      more free-mail or disposable domains, one a line\n"
    "      --input-format FMT   csv or jsonl (default: from the file name)\n"
    "  -q, --quiet              no progress line while loading accounts\n"
    "  -h, --help               show this help and exit\n"
    "\n"
    "Exit status: 0 success (also when nothing matches), 1 some account rows\n"
    "were rejected (warnings on stderr), 2 usage error, 3 unreadable input,\n"
    "5 library error.\n";

enum { OPT_EMAIL = 256, OPT_COMPANY, OPT_WEBSITE, OPT_COUNTRY, OPT_REGION, OPT_CITY,
       OPT_PHONE, OPT_ACCOUNT_IDS, OPT_MODEL, OPT_FREEMAIL, OPT_INPUT_FORMAT };

static const struct option long_options[] = {
    {"email", required_argument, NULL, OPT_EMAIL},
    {"company", required_argument, NULL, OPT_COMPANY},
    {"website", required_argument, NULL, OPT_WEBSITE},
    {"country", required_argument, NULL, OPT_COUNTRY},
    {"region", required_argument, NULL, OPT_REGION},
    {"city", required_argument, NULL, OPT_CITY},
    {"phone", required_argument, NULL, OPT_PHONE},
    {"account-ids", required_argument, NULL, OPT_ACCOUNT_IDS},
    {"accounts", required_argument, NULL, 'a'},
    {"threshold", required_argument, NULL, 't'},
    {"model", required_argument, NULL, OPT_MODEL},
    {"freemail", required_argument, NULL, OPT_FREEMAIL},
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* The person options in the order they are shown. */
static const struct {
    int option;
    int field;
    const char *label;
} person_fields[] = {
    {OPT_EMAIL, L2A_FIELD_EMAIL, "email"},
    {OPT_COMPANY, L2A_FIELD_COMPANY_NAME, "company_name"},
    {OPT_WEBSITE, L2A_FIELD_WEBSITE, "company_website"},
    {OPT_COUNTRY, L2A_FIELD_COUNTRY, "country"},
    {OPT_REGION, L2A_FIELD_REGION, "region"},
    {OPT_CITY, L2A_FIELD_CITY, "city"},
    {OPT_PHONE, L2A_FIELD_PHONE, "phone"},
    {OPT_ACCOUNT_IDS, L2A_FIELD_ACCOUNT_IDS, "account_ids"},
};

#define PERSON_FIELDS (sizeof person_fields / sizeof *person_fields)

typedef struct explain_options {
    const char *accounts_path;
    table_format input_format;
    bool quiet;
    matcher_options matcher;
    const char *person[PERSON_FIELDS];
} explain_options;

static int person_field_index(int option)
{
    for (size_t i = 0; i < PERSON_FIELDS; i++)
        if (person_fields[i].option == option)
            return (int)i;
    return -1;
}

/* Returns -1 to go on, or an exit code. */
static int apply_option(int c, const char *arg, explain_options *o)
{
    int person = person_field_index(c);
    if (person >= 0) {
        o->person[person] = arg;
        return -1;
    }
    switch (c) {
    case 'a': o->accounts_path = arg; break;
    case 't':
        o->matcher.has_threshold = true;
        return probability_option("explain", "threshold", arg, &o->matcher.threshold);
    case OPT_MODEL: o->matcher.model_path = arg; break;
    case OPT_FREEMAIL: o->matcher.freemail_path = arg; break;
    case OPT_INPUT_FORMAT: return format_option("explain", arg, &o->input_format);
    case 'q': o->quiet = true; break;
    case 'h': fputs(usage, stdout); return 0;
    default: return cli_usage_error("explain", "invalid option");
    }
    return -1;
}

static int fill_person(l2a_record *rec, const explain_options *o)
{
    int e = l2a_record_set(rec, L2A_FIELD_ID, "explain", L2A_NTS);
    for (size_t i = 0; e == L2A_OK && i < PERSON_FIELDS; i++) {
        const char *v = o->person[i];
        if (!v)
            continue;
        if (person_fields[i].field != L2A_FIELD_ACCOUNT_IDS) {
            e = l2a_record_set(rec, person_fields[i].field, v, L2A_NTS);
            continue;
        }
        for (const char *p = v; e == L2A_OK && *p;) {
            size_t n = strcspn(p, "|");
            e = l2a_record_add(rec, L2A_FIELD_ACCOUNT_IDS, p, n);
            p += n + (p[n] == '|');
        }
        if (e != L2A_OK)
            cli_error("--%s: %s", person_fields[i].label, l2a_record_errmsg(rec));
    }
    return e;
}

static int id_width(const l2a_result *res)
{
    int w = (int)strlen("account_id");
    for (size_t i = 0; i < l2a_result_candidate_count(res); i++) {
        const char *id = l2a_result_candidate_id(res, i);
        int n = id ? (int)strlen(id) : 0;
        w = n > w ? n : w;
    }
    return w;
}

static int feature_width(void)
{
    int w = (int)strlen("feature");
    for (int f = 0; f < L2A_FEATURE_COUNT; f++) {
        const char *name = l2a_feature_name(f);
        int n = name ? (int)strlen(name) : 1;
        w = n > w ? n : w;
    }
    return w;
}

static const char *text(const char *s)
{
    return s && *s ? s : "-";
}

static void print_person(const explain_options *o)
{
    puts("person");
    for (size_t i = 0; i < PERSON_FIELDS; i++)
        if (o->person[i])
            printf("  %-16s %s\n", person_fields[i].label, o->person[i]);
}

static void print_decision(const l2a_result *res, double threshold)
{
    const char *best = l2a_result_account_id(res);
    const char *runner_up = l2a_result_runner_up_id(res);
    printf("\nclass       %s\n", text(l2a_person_class_name(l2a_result_person_class(res))));
    printf("status      %s\n", text(l2a_status_name(l2a_result_status(res))));
    printf("threshold   %.4f\n", threshold);
    if (best)
        printf("best        %s  probability %.4f  method %s\n", best, l2a_result_score(res),
               text(l2a_method_name(l2a_result_method(res))));
    else
        puts("best        -");
    if (runner_up)
        printf("runner-up   %s  probability %.4f\n", runner_up, l2a_result_runner_up_score(res));
    else
        puts("runner-up   -");
    buf reasons = {0};
    format_reasons(res, REASONS_SHOWN, &reasons);
    printf("reasons     %s\n", text(buf_str(&reasons)));
    buf_free(&reasons);
}

static void print_candidate_summary(const l2a_result *res)
{
    size_t n = l2a_result_candidate_count(res);
    printf("\ncandidates  %zu (best first)\n", n);
    if (n == 0)
        return;
    int w = id_width(res);
    printf("  %4s  %-*s  %11s\n", "rank", w, "account_id", "probability");
    for (size_t i = 0; i < n; i++)
        printf("  %4zu  %-*s  %11.4f\n", i + 1, w, text(l2a_result_candidate_id(res, i)),
               l2a_result_candidate_score(res, i));
}

static void print_candidate_features(const l2a_result *res, size_t index)
{
    int w = feature_width();
    printf("\ncandidate %zu  %s  probability %.4f\n", index + 1,
           text(l2a_result_candidate_id(res, index)), l2a_result_candidate_score(res, index));
    printf("  %-*s  %10s  %12s\n", w, "feature", "value", "contribution");
    double total = 0.0;
    for (int f = 0; f < L2A_FEATURE_COUNT; f++) {
        double value = 0.0, contribution = 0.0;
        if (l2a_result_candidate_feature(res, index, f, &value, &contribution) != L2A_OK)
            continue;
        total += contribution;
        /* + 0.0 turns a negative zero (weight < 0 times 0) into a plain zero. */
        printf("  %-*s  %10.4f  %+12.4f\n", w, text(l2a_feature_name(f)), value + 0.0,
               contribution + 0.0);
    }
    printf("  %-*s  %10s  %+12.4f\n", w, "total", "", total + 0.0);
}

static int explain_person(l2a_matcher *m, const explain_options *o)
{
    l2a_record *rec = NULL;
    l2a_result *res = NULL;
    if (l2a_record_new(&rec) != L2A_OK || l2a_result_new(&res) != L2A_OK)
        cli_out_of_memory();
    int rc = 0;
    int e = fill_person(rec, o);
    if (e == L2A_OK && (e = l2a_match(m, rec, res)) != L2A_OK)
        cli_error("match failed: %s",
                  *l2a_result_errmsg(res) ? l2a_result_errmsg(res) : l2a_strerror(e));
    if (e == L2A_ERR_INVALID_UTF8 || e == L2A_ERR_TOO_LONG)
        rc = CLI_EXIT_USAGE;
    else if (e != L2A_OK)
        rc = CLI_EXIT_INTERNAL;
    if (rc == 0) {
        double threshold = 0.0;
        l2a_matcher_get_param(m, L2A_PARAM_THRESHOLD, &threshold);
        print_person(o);
        print_decision(res, threshold);
        print_candidate_summary(res);
        for (size_t i = 0; i < l2a_result_candidate_count(res); i++)
            print_candidate_features(res, i);
    }
    l2a_result_free(res);
    l2a_record_free(rec);
    return rc;
}

int cmd_explain(int argc, char **argv)
{
    explain_options o;
    memset(&o, 0, sizeof o);
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":a:t:qh", long_options, NULL)) != -1) {
        if (c == ':')
            return cli_usage_error("explain", "option '%s' needs a value", argv[optind - 1]);
        if (c == '?')
            return cli_usage_error("explain", "unknown option '%s'", argv[optind - 1]);
        int rc = apply_option(c, optarg, &o);
        if (rc >= 0)
            return rc;
    }
    if (optind < argc)
        return cli_usage_error("explain", "unexpected argument '%s'", argv[optind]);
    if (!o.accounts_path)
        return cli_usage_error("explain", "--accounts is required");

    buf err = {0};
    l2a_matcher *m = NULL;
    job_metrics counts;
    memset(&counts, 0, sizeof counts);
    int rc = matcher_create(&m, &o.matcher, &err);
    if (rc == 0)
        rc = matcher_load_accounts(m, o.accounts_path, o.input_format, FORMAT_AUTO, NULL,
                                   &counts, o.quiet, &err);
    if (rc != 0)
        cli_error("%s", buf_str(&err));
    else
        rc = explain_person(m, &o);
    if (rc == 0 && counts.accounts_rejected)
        rc = CLI_EXIT_REJECTS;
    if (fflush(stdout) != 0 && rc <= CLI_EXIT_REJECTS)
        rc = CLI_EXIT_OUTPUT;
    buf_free(&err);
    l2a_matcher_free(m);
    return rc;
}
