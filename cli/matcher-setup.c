/* SPDX-License-Identifier: MIT */
#include "matcher-setup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "progress.h"
#include "record-fill.h"

static int library_failure(const l2a_matcher *m, int rc, const char *what, buf *err)
{
    const char *detail = m ? l2a_matcher_errmsg(m) : "";
    buf_printf(err, "%s: %s", what, *detail ? detail : l2a_strerror(rc));
    return rc == L2A_ERR_IO || rc == L2A_ERR_MODEL_FORMAT ? CLI_EXIT_INPUT : CLI_EXIT_INTERNAL;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* One domain a line; '#' starts a comment; blank lines are skipped. */
static int add_freemail_file(l2a_matcher *m, const char *path, buf *err)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        buf_printf(err, "%s: cannot open: %s", path, strerror(errno));
        return CLI_EXIT_INPUT;
    }
    char *line = NULL;
    size_t cap = 0, line_no = 0;
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, fp)) >= 0) {
        line_no++;
        char *hash = memchr(line, '#', (size_t)n);
        size_t len = hash ? (size_t)(hash - line) : (size_t)n;
        size_t start = 0;
        while (len && (is_space(line[len - 1]) || line[len - 1] == '\n'))
            len--;
        while (start < len && is_space(line[start]))
            start++;
        if (start == len)
            continue;
        int e = l2a_matcher_add_freemail(m, line + start, len - start);
        if (e == L2A_ERR_NOMEM) {
            rc = library_failure(m, e, path, err);
        } else if (e != L2A_OK) {
            buf_printf(err, "%s:%zu: %.*s: %s", path, line_no, (int)(len - start), line + start,
                       *l2a_matcher_errmsg(m) ? l2a_matcher_errmsg(m) : l2a_strerror(e));
            rc = CLI_EXIT_INPUT;
        }
    }
    if (rc == 0 && ferror(fp)) {
        buf_printf(err, "%s: read error", path);
        rc = CLI_EXIT_INPUT;
    }
    free(line);
    fclose(fp);
    return rc;
}

/* The options' threshold and name search, over the model's or the snapshot's. */
static int set_parameters(l2a_matcher *m, const matcher_options *o, buf *err)
{
    int e;

    if (o->has_threshold &&
        (e = l2a_matcher_set_param(m, L2A_PARAM_THRESHOLD, o->threshold)) != L2A_OK) {
        buf_printf(err, "--threshold %g: %s", o->threshold, l2a_matcher_errmsg(m));
        return CLI_EXIT_USAGE;
    }
    if (o->search_every_name &&
        (e = l2a_matcher_set_param(m, L2A_PARAM_NAME_SEARCH, L2A_NAME_SEARCH_ALWAYS)) != L2A_OK)
        return library_failure(m, e, "name search", err);
    return 0;
}

int matcher_create(l2a_matcher **out, const matcher_options *o, buf *err)
{
    l2a_matcher *m = NULL;
    int e = l2a_matcher_new(&m);
    if (e != L2A_OK)
        return library_failure(NULL, e, "cannot create the matcher", err);
    int rc = 0;
    if (o->model_path && (e = l2a_matcher_load_model(m, o->model_path)) != L2A_OK)
        rc = library_failure(m, e, o->model_path, err);
    if (rc == 0 && o->freemail_path)
        rc = add_freemail_file(m, o->freemail_path, err);
    /* After the model: loading one resets the threshold to its default. */
    if (rc == 0)
        rc = set_parameters(m, o, err);
    if (rc != 0) {
        l2a_matcher_free(m);
        m = NULL;
    }
    *out = m;
    return rc;
}

int report_reject(rejects *rj, const char *source, const table_row *row, const char *reason,
                  buf *err)
{
    if (!rj) {
        cli_warn("%s line %llu rejected: %s", source, (unsigned long long)row->line, reason);
        return 0;
    }
    return rejects_add(rj, source, row->line, reason, row->raw.data, row->raw.len, err)
               ? 0
               : CLI_EXIT_OUTPUT;
}

/* Returns 0 when the account was added or rejected, else an exit code. */
static int add_account_row(l2a_matcher *matcher, l2a_record *rec, const table_row *row,
                           rejects *rj, job_metrics *m, buf *err)
{
    buf reason = {0};
    int rc = 0;
    if (row->reject.len) {
        buf_puts(&reason, buf_str(&row->reject));
    } else if (!row_has_id(&accounts_schema, row)) {
        buf_puts(&reason, "missing or empty account_id");
    } else {
        int e = record_fill(rec, &accounts_schema, row, &reason);
        if (e == L2A_OK)
            e = l2a_matcher_add_account(matcher, rec);
        if (e == L2A_ERR_DUPLICATE_ID)
            buf_puts(&reason, "duplicate account_id");
        else if (e == L2A_ERR_NOMEM || e == L2A_ERR_ALREADY_BUILT)
            rc = library_failure(matcher, e, "adding an account", err);
        else if (e != L2A_OK && reason.len == 0)
            buf_printf(&reason, "account not accepted: %s",
                       *l2a_matcher_errmsg(matcher) ? l2a_matcher_errmsg(matcher)
                                                    : l2a_strerror(e));
    }
    if (rc == 0 && reason.len) {
        m->accounts_rejected++;
        rc = report_reject(rj, "accounts", row, reason.data, err);
    } else if (rc == 0) {
        m->accounts_loaded++;
    }
    buf_free(&reason);
    return rc;
}

int matcher_load_accounts(l2a_matcher *matcher, const char *path, table_format forced,
                          table_format fallback, rejects *rj, job_metrics *m, bool quiet,
                          buf *err)
{
    table_reader *reader;
    int rc = table_reader_open(&reader, path, forced, fallback, &accounts_schema, err);
    if (rc != 0)
        return rc;
    l2a_record *rec = NULL;
    if (l2a_record_new(&rec) != L2A_OK)
        cli_out_of_memory();
    progress bar;
    progress_begin(&bar, "accounts", table_reader_size(reader), quiet);
    table_row row = {0};
    int got = 0;
    while (rc == 0 && (got = table_reader_next(reader, &row, err)) > 0) {
        m->accounts_read++;
        rc = add_account_row(matcher, rec, &row, rj, m, err);
        progress_update(&bar, m->accounts_read, table_reader_bytes_read(reader));
    }
    if (rc == 0 && got < 0)
        rc = CLI_EXIT_INPUT;
    progress_end(&bar);
    table_row_free(&row);
    l2a_record_free(rec);
    table_reader_close(reader);
    int e;
    if (rc == 0 && (e = l2a_matcher_build(matcher)) != L2A_OK)
        rc = library_failure(matcher, e, "building the matcher", err);
    return rc;
}

int matcher_open_index(l2a_matcher **out, const char *path, const matcher_options *o, buf *err)
{
    l2a_matcher *m = NULL;
    int e = l2a_matcher_new(&m);
    int rc = 0;

    *out = NULL;
    if (e != L2A_OK)
        return library_failure(NULL, e, "cannot create the matcher", err);
    e = l2a_matcher_load_snapshot(m, path);
    if (e != L2A_OK) {
        buf_printf(err, "%s", *l2a_matcher_errmsg(m) ? l2a_matcher_errmsg(m) : l2a_strerror(e));
        rc = e == L2A_ERR_NOMEM ? CLI_EXIT_INTERNAL : CLI_EXIT_INPUT;
    }
    if (rc == 0)
        rc = set_parameters(m, o, err);
    if (rc != 0) {
        l2a_matcher_free(m);
        return rc;
    }
    *out = m;
    return 0;
}
