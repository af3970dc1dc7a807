/* SPDX-License-Identifier: MIT */
/* Persons are read in blocks, matched with l2a_match_batch on N threads,
 * and written in input order before the next block is read, so memory does
 * not grow with the number of persons and the output does not depend on N. */
#include "job.h"

#include <stdlib.h>
#include <string.h>

#include "idset.h"
#include "progress.h"
#include "record-fill.h"
#include "writer.h"

#define BLOCK_ROWS 4096
/* Every result of a batch is alive until the batch ends, each with room for
 * its scored candidates (about 400 bytes a candidate, 32 name candidates by
 * default): a block is matched in batches of this many persons, which bounds
 * that memory yet gives each thread a slice long enough that the threads
 * finish close together. */
#define BATCH_PERSONS 1024

typedef struct person_slot {
    table_row row;
    buf reason; /* non-empty: the row is rejected for this reason */
    buf out;    /* its output row, empty when it gets none */
    int status;
    bool has_candidate;
    double score;
} person_slot;

/* Persons of the block that have a record, in input order: rows rejected
 * while reading get none and stay out of the batch. */
typedef struct batch {
    l2a_record **records;
    l2a_result **results;
    size_t *slot_of; /* the person slot of each record */
    size_t count;
} batch;

typedef struct job {
    const match_job_options *opt;
    output_options output;
    l2a_matcher *matcher;
    job_metrics metrics;
    atomic_file out, metrics_file;
    rejects rj;
    char *rejects_path;
    person_slot *slots;
    batch batch;
    idset ids;
    buf err;
} job;

static void reject_from_library(person_slot *s, const char *what, int e, const l2a_result *res)
{
    const char *detail = res ? l2a_result_errmsg(res) : "";
    buf_printf(&s->reason, "%s: %s", what, *detail ? detail : l2a_strerror(e));
}

static bool is_fatal_match_error(int e)
{
    return e == L2A_ERR_NOMEM || e == L2A_ERR_NOT_BUILT;
}

/* Give the person a record in the batch unless its row is rejected.
 * Returns 0, or an l2a error that must stop the job. */
static int add_to_batch(job *j, size_t slot)
{
    person_slot *s = &j->slots[slot];
    batch *b = &j->batch;
    buf_clear(&s->reason);
    buf_clear(&s->out);
    s->status = L2A_STATUS_REJECTED;
    s->has_candidate = false;
    s->score = 0.0;
    if (s->row.reject.len) {
        buf_puts(&s->reason, s->row.reject.data);
        return 0;
    }
    if (!row_has_id(&persons_schema, &s->row)) {
        buf_puts(&s->reason, "missing or empty person_id");
        return 0;
    }
    int e = record_fill(b->records[b->count], &persons_schema, &s->row, &s->reason);
    if (e != L2A_OK)
        return e == L2A_ERR_NOMEM ? e : 0;
    b->slot_of[b->count++] = slot;
    return 0;
}

/* Returns 0, or an l2a error that must stop the job. */
static int take_result(job *j, size_t k)
{
    person_slot *s = &j->slots[j->batch.slot_of[k]];
    l2a_result *res = j->batch.results[k];
    int e = L2A_OK;
    /* The batch tells the code of its first failure only, and running out
     * of memory stops the job where other failures reject the row: a
     * failed person is matched again alone to learn its own. */
    if (l2a_result_status(res) == L2A_STATUS_REJECTED)
        e = l2a_match(j->matcher, j->batch.records[k], res);
    if (is_fatal_match_error(e))
        return e;
    if (e != L2A_OK || l2a_result_status(res) == L2A_STATUS_REJECTED) {
        reject_from_library(s, "match failed", e, res);
        return 0;
    }
    s->status = l2a_result_status(res);
    s->has_candidate = l2a_result_account_id(res) != NULL;
    s->score = l2a_result_score(res);
    if (output_wants(&j->output, s->status)) {
        size_t id_len;
        const char *id = table_row_value(&s->row, persons_schema.id_slot, &id_len);
        output_result(&j->output, id, id_len, res, &s->out);
    }
    return 0;
}

/* Returns 0, or an l2a error that must stop the job. */
static int run_batch(job *j)
{
    batch *b = &j->batch;
    int e = l2a_match_batch(j->matcher, (const l2a_record *const *)b->records, b->count,
                            b->results, j->opt->threads);
    /* Checked before any result is read: a batch that could not start
     * leaves the results of the previous one in place. */
    if (is_fatal_match_error(e))
        return e;
    for (size_t k = 0; k < b->count; k++)
        if ((e = take_result(j, k)) != 0)
            return e;
    b->count = 0;
    return 0;
}

/* Returns 0, or CLI_EXIT_INTERNAL with a message in j->err. */
static int match_block(job *j, size_t count)
{
    int e = 0;
    j->batch.count = 0;
    for (size_t i = 0; e == 0 && i < count; i++) {
        e = add_to_batch(j, i);
        if (e == 0 && j->batch.count == BATCH_PERSONS)
            e = run_batch(j);
    }
    if (e == 0)
        e = run_batch(j);
    if (e == 0)
        return 0;
    buf_printf(&j->err, "matching persons: %s", l2a_strerror(e));
    return CLI_EXIT_INTERNAL;
}

/* Account for one person in input order; returns 0 or an exit code. */
static int finish_slot(job *j, person_slot *s)
{
    bool duplicate = false;

    j->metrics.persons_read++;
    if (s->reason.len == 0) {
        size_t id_len;
        const char *id = table_row_value(&s->row, persons_schema.id_slot, &id_len);
        /* Ids of rejected rows are not kept: the first usable row wins. */
        if (!idset_add(&j->ids, id, id_len)) {
            buf_puts(&s->reason, "duplicate person_id");
            duplicate = true;
        }
    }
    if (s->reason.len) {
        size_t id_len;
        const char *id = table_row_value(&s->row, persons_schema.id_slot, &id_len);
        int rc;

        j->metrics.persons_rejected++;
        rc = report_reject(&j->rj, "persons", &s->row, s->reason.data, &j->err);
        /*
         * --all promises a row for every person: a rejected one says so when
         * it has an id of its own (a duplicate's id already has its row).
         */
        buf_clear(&s->out);
        if (rc == 0 && j->output.all && !duplicate && row_has_id(&persons_schema, &s->row))
            output_rejected(&j->output, id, id_len, &s->out);
        if (rc != 0 || s->out.len == 0)
            return rc;
    } else {
        metrics_count(&j->metrics, s->status, s->has_candidate, s->score);
    }
    if (s->out.len) {
        j->metrics.rows_written++;
        if (!atomic_file_write(&j->out, s->out.data, s->out.len)) {
            buf_printf(&j->err, "%s: write error: %s", j->opt->output_path,
                       strerror(j->out.write_errno));
            return CLI_EXIT_OUTPUT;
        }
    }
    return 0;
}

static int match_persons(job *j)
{
    table_reader *reader;
    int rc = table_reader_open(&reader, j->opt->persons_path, j->opt->input_format,
                               j->opt->format, &persons_schema, &j->err);
    if (rc != 0)
        return rc;
    progress bar;
    progress_begin(&bar, "persons", table_reader_size(reader), j->opt->quiet);
    bool at_end = false;
    while (rc == 0 && !at_end) {
        size_t n = 0;
        while (n < BLOCK_ROWS) {
            int got = table_reader_next(reader, &j->slots[n].row, &j->err);
            if (got < 0)
                rc = CLI_EXIT_INPUT;
            if (got <= 0) {
                at_end = true;
                break;
            }
            n++;
        }
        if (rc == 0 && n)
            rc = match_block(j, n);
        for (size_t i = 0; rc == 0 && i < n; i++)
            rc = finish_slot(j, &j->slots[i]);
        progress_update(&bar, j->metrics.persons_read, table_reader_bytes_read(reader));
    }
    progress_end(&bar);
    table_reader_close(reader);
    return rc;
}

static int open_outputs(job *j)
{
    const match_job_options *o = j->opt;
    if (o->metrics_path && !atomic_file_open(&j->metrics_file, o->metrics_path, &j->err))
        return CLI_EXIT_OUTPUT;
    if (!atomic_file_open(&j->out, o->output_path, &j->err))
        return CLI_EXIT_OUTPUT;
    j->rejects_path = o->rejects_path ? xstrdup(o->rejects_path)
                                      : rejects_default_path(o->output_path);
    /* Beside a file output the reject file always exists, so that it never
     * outlives the run it came from; in the current folder it appears only
     * when something is rejected. */
    bool always = o->rejects_path || !output_is_stream(o->output_path);
    if (!rejects_open(&j->rj, j->rejects_path, always, &j->err))
        return CLI_EXIT_OUTPUT;
    buf header = {0};
    output_header(&j->output, &header);
    bool ok = atomic_file_write(&j->out, header.data, header.len);
    buf_free(&header);
    if (!ok)
        buf_printf(&j->err, "%s: write error: %s", o->output_path, strerror(j->out.write_errno));
    return ok ? 0 : CLI_EXIT_OUTPUT;
}

static int open_index(job *j)
{
    int rc = matcher_open_index(&j->matcher, j->opt->index_path, &j->opt->matcher, &j->err);

    if (rc != 0)
        return rc;
    j->metrics.model_version = l2a_matcher_model_version(j->matcher);
    l2a_matcher_get_param(j->matcher, L2A_PARAM_THRESHOLD, &j->metrics.threshold);
    j->metrics.accounts_read = j->metrics.accounts_loaded = l2a_matcher_account_count(j->matcher);
    metrics_accounts_loaded(&j->metrics);
    return 0;
}

static int prepare_matcher(job *j)
{
    if (j->opt->index_path)
        return open_index(j);
    int rc = matcher_create(&j->matcher, &j->opt->matcher, &j->err);
    if (rc != 0)
        return rc;
    j->metrics.model_version = l2a_matcher_model_version(j->matcher);
    l2a_matcher_get_param(j->matcher, L2A_PARAM_THRESHOLD, &j->metrics.threshold);
    rc = matcher_load_accounts(j->matcher, j->opt->accounts_path, j->opt->input_format,
                               j->opt->format, &j->rj, &j->metrics, j->opt->quiet, &j->err);
    metrics_accounts_loaded(&j->metrics);
    return rc;
}

static void create_block(job *j)
{
    batch *b = &j->batch;
    j->slots = xcalloc(BLOCK_ROWS, sizeof *j->slots);
    b->records = xcalloc(BATCH_PERSONS, sizeof *b->records);
    b->results = xcalloc(BATCH_PERSONS, sizeof *b->results);
    b->slot_of = xcalloc(BATCH_PERSONS, sizeof *b->slot_of);
    for (size_t i = 0; i < BATCH_PERSONS; i++)
        if (l2a_record_new(&b->records[i]) != L2A_OK || l2a_result_new(&b->results[i]) != L2A_OK)
            cli_out_of_memory();
    idset_init(&j->ids);
}

static void free_block(job *j)
{
    batch *b = &j->batch;
    for (size_t i = 0; b->records && i < BATCH_PERSONS; i++) {
        l2a_record_free(b->records[i]);
        l2a_result_free(b->results[i]);
    }
    free(b->records);
    free(b->results);
    free(b->slot_of);
    for (size_t i = 0; j->slots && i < BLOCK_ROWS; i++) {
        table_row_free(&j->slots[i].row);
        buf_free(&j->slots[i].reason);
        buf_free(&j->slots[i].out);
    }
    free(j->slots);
    idset_free(&j->ids);
}

static int commit_outputs(job *j)
{
    if (!atomic_file_commit(&j->out, &j->err))
        return CLI_EXIT_OUTPUT;
    if (!rejects_commit(&j->rj, &j->err))
        return CLI_EXIT_OUTPUT;
    return 0;
}

static void print_summary(const job *j, int rc)
{
    const job_metrics *m = &j->metrics;
    if (rc > CLI_EXIT_REJECTS || j->opt->quiet)
        return;
    fprintf(stderr,
            "l2a: %llu accounts loaded; %llu persons: %llu matched, %llu below threshold, "
            "%llu without candidate, %llu ambiguous, %llu account persons skipped, "
            "%llu anonymous\n",
            (unsigned long long)m->accounts_loaded, (unsigned long long)m->persons_read,
            (unsigned long long)m->matched, (unsigned long long)m->below_threshold,
            (unsigned long long)m->no_candidate, (unsigned long long)m->ambiguous,
            (unsigned long long)m->skipped, (unsigned long long)m->anonymous);
    uint64_t rejected = m->accounts_rejected + m->persons_rejected;
    if (rejected)
        fprintf(stderr, "l2a: %llu rows rejected (%llu accounts, %llu persons), see %s\n",
                (unsigned long long)rejected, (unsigned long long)m->accounts_rejected,
                (unsigned long long)m->persons_rejected, j->rejects_path);
}

static int finish_job(job *j, int rc)
{
    if (rc == 0)
        rc = commit_outputs(j);
    if (rc != 0) {
        if (atomic_file_is_open(&j->out))
            atomic_file_abort(&j->out);
        rejects_abort(&j->rj);
    } else if (j->metrics.accounts_rejected || j->metrics.persons_rejected) {
        rc = CLI_EXIT_REJECTS;
    }
    job_metrics *m = &j->metrics;
    m->rejects_path = rc <= CLI_EXIT_REJECTS && (j->rj.always || j->rj.count) ? j->rejects_path
                                                                              : NULL;
    if (rc > CLI_EXIT_REJECTS)
        cli_error("%s", buf_str(&j->err));
    metrics_finish(m, rc, rc > CLI_EXIT_REJECTS ? buf_str(&j->err) : NULL);
    if (atomic_file_is_open(&j->metrics_file)) {
        buf merr = {0};
        if (!metrics_write(m, &j->metrics_file, &merr)) {
            cli_error("%s", buf_str(&merr));
            if (rc <= CLI_EXIT_REJECTS)
                rc = CLI_EXIT_OUTPUT;
        }
        buf_free(&merr);
    }
    print_summary(j, rc);
    return rc;
}

int run_match_job(const match_job_options *o)
{
    job j;
    memset(&j, 0, sizeof j);
    j.opt = o;
    j.out.slot = j.metrics_file.slot = j.rj.file.slot = -1;
    j.output.format = o->output_format != FORMAT_AUTO ? o->output_format
                                                      : format_from_path(o->output_path, o->format);
    j.output.all = o->all;
    j.output.explain = o->explain;
    metrics_start(&j.metrics);
    j.metrics.accounts_path = o->index_path ? o->index_path : o->accounts_path;
    j.metrics.persons_path = o->persons_path;
    j.metrics.output_path = o->output_path;
    j.metrics.threads = o->threads;

    int rc = open_outputs(&j);
    if (rc == 0)
        rc = prepare_matcher(&j);
    if (rc == 0) {
        create_block(&j);
        rc = match_persons(&j);
    }
    rc = finish_job(&j, rc);
    free_block(&j);
    l2a_matcher_free(j.matcher);
    free(j.rejects_path);
    buf_free(&j.err);
    return rc;
}
