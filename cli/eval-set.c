/* SPDX-License-Identifier: MIT */
#include "eval-set.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "idset.h"
#include "progress.h"
#include "record-fill.h"

#define ROWS_PER_GRAB 32
#define MAX_WORKERS 1024

typedef struct work {
    eval_set *set;
    const eval_options *opt;
    table_row *rows;
    bool *unusable; /* per row: record_fill refused it */
    buf *reasons;
    size_t count;
    atomic_size_t next;
} work;

typedef struct worker {
    work *w;
    l2a_record *rec;
    l2a_result *res;
    baseline_scratch *scratch;
    pthread_t thread;
    int fatal; /* an l2a error that stops the run */
} worker;

bool eval_person_scored(const eval_person *p)
{
    return strcmp(p->truth->expect, "skipped") != 0 && strcmp(p->truth->expect, "anonymous") != 0;
}

const char *eval_person_truth(const eval_person *p)
{
    return p->truth->account_id;
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static void keep_candidates(eval_person *p, const l2a_result *res)
{
    size_t n = l2a_result_candidate_count(res);
    p->n_cands = (uint32_t)n;
    p->cand_ids = xcalloc(n ? n : 1, sizeof *p->cand_ids);
    p->features = xcalloc(n ? n * L2A_FEATURE_COUNT : 1, sizeof *p->features);
    for (size_t i = 0; i < n; i++) {
        p->cand_ids[i] = xstrdup(l2a_result_candidate_id(res, i));
        for (int f = 0; f < L2A_FEATURE_COUNT; f++)
            l2a_result_candidate_feature(res, i, f, &p->features[i * L2A_FEATURE_COUNT + f],
                                         NULL);
    }
}

static const char *field_text(const l2a_record *rec, int field)
{
    return l2a_record_get(rec, field, 0, NULL);
}

/* Returns 0 or an l2a error that stops the run. */
static int match_row(worker *wk, size_t i)
{
    work *w = wk->w;
    eval_person *p = &w->set->persons[i];
    int e = record_fill(wk->rec, &persons_schema, &w->rows[i], &w->reasons[i]);
    if (e == L2A_ERR_NOMEM)
        return e;
    if (e != L2A_OK) {
        w->unusable[i] = true;
        return 0;
    }
    e = l2a_match(w->set->matcher, wk->rec, wk->res);
    if (e == L2A_ERR_NOMEM || e == L2A_ERR_NOT_BUILT)
        return e;
    if (e != L2A_OK) {
        w->unusable[i] = true;
        buf_printf(&w->reasons[i], "match failed: %s", l2a_result_errmsg(wk->res));
        return 0;
    }
    p->person_class = l2a_result_person_class(wk->res);
    p->status = l2a_result_status(wk->res);
    p->best_id = dup_or_null(l2a_result_account_id(wk->res));
    p->best_score = l2a_result_score(wk->res);
    p->second_id = dup_or_null(l2a_result_runner_up_id(wk->res));
    p->second_score = l2a_result_runner_up_score(wk->res);
    if (w->opt->keep_candidates)
        keep_candidates(p, wk->res);
    if (w->set->baselines)
        return baselines_predict(w->set->baselines, wk->scratch, w->set->matcher,
                                 field_text(wk->rec, L2A_FIELD_EMAIL),
                                 field_text(wk->rec, L2A_FIELD_WEBSITE),
                                 field_text(wk->rec, L2A_FIELD_COMPANY_NAME), p->baseline);
    return 0;
}

static void *run_worker(void *arg)
{
    worker *wk = arg;
    work *w = wk->w;
    for (;;) {
        size_t first = atomic_fetch_add(&w->next, ROWS_PER_GRAB);
        if (first >= w->count || wk->fatal)
            break;
        size_t last = first + ROWS_PER_GRAB < w->count ? first + ROWS_PER_GRAB : w->count;
        for (size_t i = first; i < last && !wk->fatal; i++)
            wk->fatal = match_row(wk, i);
    }
    return NULL;
}

/* Match rows [0, count) into set->persons[]; returns 0 or an l2a error. */
static int match_all(eval_set *s, const eval_options *o, table_row *rows, size_t count,
                     bool *unusable, buf *reasons)
{
    work w = {.set = s, .opt = o, .rows = rows, .unusable = unusable, .reasons = reasons,
              .count = count};
    atomic_init(&w.next, 0);
    unsigned n = o->threads ? o->threads : 1;
    n = n > MAX_WORKERS ? MAX_WORKERS : n;
    worker *workers = xcalloc(n, sizeof *workers);
    for (unsigned i = 0; i < n; i++) {
        workers[i].w = &w;
        if (l2a_record_new(&workers[i].rec) != L2A_OK ||
            l2a_result_new(&workers[i].res) != L2A_OK)
            cli_out_of_memory();
        if (s->baselines)
            workers[i].scratch = baseline_scratch_new(s->baselines);
    }
    unsigned started = 0;
    if (n > 1)
        for (; started < n; started++)
            if (pthread_create(&workers[started].thread, NULL, run_worker, &workers[started]))
                break;
    if (started == 0)
        run_worker(&workers[0]);
    for (unsigned i = 0; i < started; i++)
        pthread_join(workers[i].thread, NULL);
    int fatal = 0;
    for (unsigned i = 0; i < n; i++) {
        if (!fatal)
            fatal = workers[i].fatal;
        l2a_record_free(workers[i].rec);
        l2a_result_free(workers[i].res);
        baseline_scratch_free(workers[i].scratch);
    }
    free(workers);
    return fatal;
}

static void free_person(eval_person *p)
{
    free(p->id);
    free(p->best_id);
    free(p->second_id);
    for (uint32_t i = 0; i < p->n_cands; i++)
        free(p->cand_ids[i]);
    free(p->cand_ids);
    free(p->features);
}

/* Read every usable person that the truth lists. */
static int read_persons(eval_set *s, const eval_options *o, table_row **rows_out,
                        size_t *count_out, buf *err)
{
    table_reader *reader;
    int rc = table_reader_open(&reader, o->persons_path, o->input_format, FORMAT_AUTO,
                               &persons_schema, err);
    if (rc != 0)
        return rc;
    progress bar;
    progress_begin(&bar, "persons", table_reader_size(reader), o->quiet);
    idset ids;
    idset_init(&ids);
    table_row *rows = NULL, row = {0};
    size_t n = 0, cap = 0;
    int got;
    while ((got = table_reader_next(reader, &row, err)) > 0) {
        s->persons_read++;
        progress_update(&bar, s->persons_read, table_reader_bytes_read(reader));
        size_t len;
        const char *id = table_row_value(&row, persons_schema.id_slot, &len);
        const char *why = row.reject.len           ? buf_str(&row.reject)
                          : !row_has_id(&persons_schema, &row) ? "missing or empty person_id"
                          : !idset_add(&ids, id, len)          ? "duplicate person_id"
                                                               : NULL;
        if (why) {
            cli_warn("%s line %llu left out: %s", o->persons_path, (unsigned long long)row.line,
                     why);
            s->rejected++;
            continue;
        }
        if (!truth_find(&s->truth, id, len)) {
            s->without_truth++;
            continue;
        }
        if (n == cap) {
            cap = cap ? 2 * cap : 1024;
            rows = xrealloc(rows, cap * sizeof *rows);
        }
        rows[n++] = row;
        memset(&row, 0, sizeof row);
    }
    progress_end(&bar);
    if (got < 0)
        rc = CLI_EXIT_INPUT;
    table_row_free(&row);
    idset_free(&ids);
    table_reader_close(reader);
    *rows_out = rows;
    *count_out = n;
    return rc;
}

static int load_and_match(eval_set *s, const eval_options *o, buf *err)
{
    table_row *rows = NULL;
    size_t n = 0;
    int rc = read_persons(s, o, &rows, &n, err);
    if (rc == 0) {
        s->persons = xcalloc(n ? n : 1, sizeof *s->persons);
        bool *unusable = xcalloc(n ? n : 1, sizeof *unusable);
        buf *reasons = xcalloc(n ? n : 1, sizeof *reasons);
        int e = match_all(s, o, rows, n, unusable, reasons);
        if (e != 0) {
            buf_printf(err, "matching persons: %s", l2a_strerror(e));
            rc = CLI_EXIT_INTERNAL;
        }
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            size_t len;
            const char *id = table_row_value(&rows[i], persons_schema.id_slot, &len);
            if (unusable[i]) {
                cli_warn("%s line %llu left out: %s", o->persons_path,
                         (unsigned long long)rows[i].line, buf_str(&reasons[i]));
                s->rejected++;
                free_person(&s->persons[i]);
                continue;
            }
            eval_person *p = &s->persons[k];
            if (k != i) {
                *p = s->persons[i];
                memset(&s->persons[i], 0, sizeof s->persons[i]);
            }
            p->id = xstrdup(id);
            p->truth = truth_find(&s->truth, id, len);
            k++;
        }
        s->count = k;
        for (size_t i = 0; i < n; i++)
            buf_free(&reasons[i]);
        free(reasons);
        free(unusable);
    }
    for (size_t i = 0; i < n; i++)
        table_row_free(&rows[i]);
    free(rows);
    return rc;
}

int eval_set_load(eval_set *s, const eval_options *o, buf *err)
{
    memset(s, 0, sizeof *s);
    int rc = truth_load(&s->truth, o->truth_path, o->input_format, err);
    if (rc == 0)
        rc = matcher_create(&s->matcher, &o->matcher, err);
    if (rc == 0) {
        job_metrics m;
        memset(&m, 0, sizeof m);
        rc = matcher_load_accounts(s->matcher, o->accounts_path, o->input_format, FORMAT_AUTO,
                                   NULL, &m, o->quiet, err);
        s->accounts_loaded = m.accounts_loaded;
    }
    if (rc == 0) {
        s->model_version = l2a_matcher_model_version(s->matcher);
        l2a_matcher_get_param(s->matcher, L2A_PARAM_THRESHOLD, &s->threshold);
        l2a_matcher_get_param(s->matcher, L2A_PARAM_AMBIGUITY_MARGIN, &s->margin);
    }
    if (rc == 0 && o->baselines)
        rc = baselines_build(&s->baselines, s->matcher, &o->matcher, o->accounts_path,
                             o->input_format, FORMAT_AUTO, err);
    if (rc == 0)
        rc = load_and_match(s, o, err);
    if (rc == 0 && s->without_truth)
        cli_warn("%zu persons are not in %s and were left out", s->without_truth,
                 o->truth_path);
    return rc;
}

void eval_set_free(eval_set *s)
{
    for (size_t i = 0; i < s->count; i++)
        free_person(&s->persons[i]);
    free(s->persons);
    baselines_free(s->baselines);
    l2a_matcher_free(s->matcher);
    truth_free(&s->truth);
    memset(s, 0, sizeof *s);
}
