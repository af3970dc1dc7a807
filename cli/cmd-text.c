/* SPDX-License-Identifier: MIT */
/* `l2a normalize` and `l2a domain`: the library's company-name key and
 * registrable domain, one output line per input text. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "l2a.h"
#include "util.h"

typedef int (*text_function)(const l2a_matcher *m, const char *in, size_t len, char *out,
                             size_t cap, size_t *len_out);

typedef struct text_command {
    const char *name;
    const char *usage;
    text_function apply;
    bool missing_is_empty; /* "no domain here" is an empty line, not an error */
} text_command;

static const char normalize_usage[] =
    "Usage: l2a normalize [TEXT]...\n"
    "Print the normalized company-name key of each TEXT, one line each\n"
    "(case folded, transliterated, punctuation and legal forms removed).\n"
    "Without TEXT, read one text a line from standard input.\n"
    "\n"
    "  -h, --help  show this help and exit\n"
    "\n"
    "Exit status: 0 success, 1 some TEXT was invalid (an empty line was printed\n"
    "for it), 2 usage error, 5 library error.\n";

static const char domain_usage[] =
    "Usage: l2a domain [TEXT]...\n"
    "Print the registrable domain of each TEXT (an email address, a URL or a\n"
    "host name), one line each; an empty line when TEXT has none.\n"
    "Without TEXT, read one text a line from standard input.\n"
    "\n"
    "  -h, --help  show this help and exit\n"
    "\n"
    "Exit status: 0 success, 1 some TEXT was invalid (an empty line was printed\n"
    "for it), 2 usage error, 5 library error.\n";

/* Runs F, once more with a buffer of the size it asked for when the first
 * one was too small (L2A_ERR_TOO_LONG with the length needed). */
static int apply_text(text_function f, const l2a_matcher *m, const char *in, size_t len,
                      buf *out)
{
    size_t cap = 4 * len + 64;
    int e = L2A_ERR_TOO_LONG;
    for (int attempt = 0; attempt < 2; attempt++) {
        buf_clear(out);
        buf_reserve(out, cap);
        size_t n = 0;
        e = f(m, in, len, out->data, cap, &n);
        if (e == L2A_OK && n < cap) {
            out->len = n;
            return e;
        }
        if (e != L2A_ERR_TOO_LONG || n < cap)
            break;
        cap = n + 1;
    }
    buf_clear(out);
    return e == L2A_OK ? L2A_ERR_INTERNAL : e;
}

/* Returns 0, 1 (invalid input, empty line printed) or an exit code > 1. */
static int print_one(const text_command *cmd, const l2a_matcher *m, const char *in,
                     size_t len, buf *out)
{
    int e = apply_text(cmd->apply, m, in, len, out);
    bool no_result =
        e == L2A_ERR_NOT_FOUND || (cmd->missing_is_empty && e == L2A_ERR_INVALID_ARGUMENT);
    if (e == L2A_ERR_NOMEM || e == L2A_ERR_INTERNAL) {
        cli_error("%s: %s", cmd->name, l2a_strerror(e));
        return CLI_EXIT_INTERNAL;
    }
    int rc = 0;
    if (e != L2A_OK && !no_result) {
        cli_warn("%s: '%.*s': %s", cmd->name, (int)(len > 80 ? 80 : len), in, l2a_strerror(e));
        rc = CLI_EXIT_REJECTS;
    }
    if (e != L2A_OK)
        buf_clear(out);
    fwrite(out->data, 1, out->len, stdout);
    putchar('\n');
    return rc;
}

static int run_text(const text_command *cmd, int first, int argc, char **argv)
{
    l2a_matcher *m = NULL;
    int e = l2a_matcher_new(&m);
    if (e != L2A_OK) {
        cli_error("cannot create the matcher: %s", l2a_strerror(e));
        return CLI_EXIT_INTERNAL;
    }
    buf out = {0};
    int worst = 0;
    for (int i = first; i < argc && worst <= CLI_EXIT_REJECTS; i++) {
        int rc = print_one(cmd, m, argv[i], strlen(argv[i]), &out);
        worst = rc > worst ? rc : worst;
    }
    if (first >= argc) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        while (worst <= CLI_EXIT_REJECTS && (n = getline(&line, &cap, stdin)) >= 0) {
            size_t len = (size_t)n;
            while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                len--;
            int rc = print_one(cmd, m, line, len, &out);
            worst = rc > worst ? rc : worst;
        }
        free(line);
    }
    buf_free(&out);
    l2a_matcher_free(m);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("standard output: write error");
        return CLI_EXIT_OUTPUT;
    }
    return worst;
}

static int text_main(const text_command *cmd, int argc, char **argv)
{
    static const struct option options[] = {
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    /* '+': a text that starts with '-' after the first text is still a text. */
    while ((c = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
        if (c == 'h') {
            fputs(cmd->usage, stdout);
            return 0;
        }
        return cli_usage_error(cmd->name, "unknown option '%s'", argv[optind - 1]);
    }
    return run_text(cmd, optind, argc, argv);
}

int cmd_normalize(int argc, char **argv)
{
    static const text_command cmd = {"normalize", normalize_usage, l2a_normalize_name, false};
    return text_main(&cmd, argc, argv);
}

int cmd_domain(int argc, char **argv)
{
    static const text_command cmd = {"domain", domain_usage, l2a_registrable_domain, true};
    return text_main(&cmd, argc, argv);
}
