/* SPDX-License-Identifier: MIT */
#include "metrics.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "l2a.h"

#define ACCOUNTING_IDENTITY                                                                 \
    "persons.read = matched + below_threshold + no_candidate + ambiguous + skipped + "     \
    "anonymous + rejected"

void metrics_start(job_metrics *m)
{
    clock_gettime(CLOCK_REALTIME, &m->started_at);
    m->start = m->accounts_done = m->end = monotonic_seconds();
}

void metrics_accounts_loaded(job_metrics *m)
{
    m->accounts_done = monotonic_seconds();
}

void metrics_finish(job_metrics *m, int exit_code, const char *error)
{
    clock_gettime(CLOCK_REALTIME, &m->ended_at);
    m->end = monotonic_seconds();
    m->exit_code = exit_code;
    m->error = error;
}

void metrics_count(job_metrics *m, int status, bool has_candidate, double score)
{
    switch (status) {
    case L2A_STATUS_MATCHED:
        m->matched++;
        break;
    case L2A_STATUS_BELOW_THRESHOLD:
        m->below_threshold++;
        break;
    case L2A_STATUS_NO_CANDIDATE:
        m->no_candidate++;
        break;
    case L2A_STATUS_AMBIGUOUS:
        m->ambiguous++;
        break;
    case L2A_STATUS_SKIPPED:
        m->skipped++;
        return;
    case L2A_STATUS_ANONYMOUS:
        m->anonymous++;
        return;
    default:
        m->persons_rejected++;
        return;
    }
    if (has_candidate) {
        int bin = (int)(score * HISTOGRAM_BINS);
        bin = bin < 0 ? 0 : bin >= HISTOGRAM_BINS ? HISTOGRAM_BINS - 1 : bin;
        m->histogram[bin]++;
    }
}

uint64_t metrics_known(const job_metrics *m)
{
    return m->matched + m->below_threshold + m->no_candidate + m->ambiguous;
}

bool metrics_balanced(const job_metrics *m)
{
    return m->persons_read ==
           metrics_known(m) + m->skipped + m->anonymous + m->persons_rejected;
}

static json_t *timestamp(const struct timespec *ts)
{
    struct tm tm;
    char text[64];
    gmtime_r(&ts->tv_sec, &tm);
    size_t n = strftime(text, sizeof text - 8, "%Y-%m-%dT%H:%M:%S", &tm);
    int ms = (int)(ts->tv_nsec / 1000000L) % 1000;
    snprintf(text + n, 8, ".%03dZ", ms < 0 ? 0 : ms);
    return json_string(text);
}

static json_t *count(uint64_t n)
{
    return json_integer((json_int_t)n);
}

static json_t *text_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *histogram_json(const job_metrics *m)
{
    json_t *bins = json_array();
    for (int i = 0; i < HISTOGRAM_BINS; i++)
        json_array_append_new(bins, json_pack("{s:f, s:f, s:o}", "from",
                                              (double)i / HISTOGRAM_BINS, "to",
                                              (double)(i + 1) / HISTOGRAM_BINS, "count",
                                              count(m->histogram[i])));
    return json_pack("{s:s, s:o}", "of",
                     "best candidate score of known persons that have a candidate "
                     "(the last bin includes 1.0)",
                     "bins", bins);
}

static json_t *persons_json(const job_metrics *m)
{
    uint64_t unmatched = m->below_threshold + m->no_candidate + m->ambiguous;
    return json_pack(
        "{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:{s:o, s:o, s:o, s:o}}", "read",
        count(m->persons_read), "rejected", count(m->persons_rejected),
        "account_persons_skipped", count(m->skipped), "anonymous", count(m->anonymous),
        "known", count(metrics_known(m)), "with_account", count(m->skipped + m->matched),
        "matched", count(m->matched), "unmatched", "total", count(unmatched),
        "below_threshold", count(m->below_threshold), "no_candidate",
        count(m->no_candidate), "ambiguous", count(m->ambiguous));
}

static json_t *accounting_json(const job_metrics *m)
{
    bool accounts_ok = m->accounts_read == m->accounts_loaded + m->accounts_rejected;
    return json_pack("{s:s, s:b, s:s, s:b}", "persons_identity", ACCOUNTING_IDENTITY,
                     "balanced", metrics_balanced(m) && accounts_ok, "accounts_identity",
                     "accounts.read = loaded + rejected", "accounts_balanced", accounts_ok);
}

static json_t *metrics_json(const job_metrics *m)
{
    double wall = m->end - m->start;
    double matching = m->end - m->accounts_done;
    json_t *doc = json_pack(
        "{s:s, s:s, s:i, s:o, s:o, s:o, s:f, s:f, s:f, s:o, s:s, s:o, s:o, s:i}", "job",
        "lead-to-account-matching", "status", m->exit_code <= 1 ? "succeeded" : "failed",
        "exit_code", m->exit_code, "error", text_or_null(m->error), "started_at",
        timestamp(&m->started_at), "ended_at", timestamp(&m->ended_at), "wall_time_seconds",
        wall, "accounts_load_seconds", m->accounts_done - m->start, "match_seconds", matching,
        "throughput_persons_per_second",
        json_real(matching > 0 ? (double)m->persons_read / matching : 0.0), "l2a_version",
        l2a_version(), "model_version", text_or_null(m->model_version), "threshold",
        m->model_version ? json_real(m->threshold) : json_null(), "threads", (int)m->threads);
    if (!doc)
        cli_out_of_memory();
    json_object_set_new(doc, "inputs",
                        json_pack("{s:o, s:o}", "accounts", text_or_null(m->accounts_path),
                                  "persons", text_or_null(m->persons_path)));
    json_object_set_new(doc, "outputs",
                        json_pack("{s:o, s:o, s:o}", "output", text_or_null(m->output_path),
                                  "rows_written", count(m->rows_written), "rejects",
                                  text_or_null(m->rejects_path)));
    json_object_set_new(doc, "accounts",
                        json_pack("{s:o, s:o, s:o}", "read", count(m->accounts_read), "loaded",
                                  count(m->accounts_loaded), "rejected",
                                  count(m->accounts_rejected)));
    json_object_set_new(doc, "persons", persons_json(m));
    json_object_set_new(doc, "score_histogram", histogram_json(m));
    json_object_set_new(doc, "accounting", accounting_json(m));
    return doc;
}

bool metrics_write(const job_metrics *m, atomic_file *f, buf *err)
{
    json_t *doc = metrics_json(m);
    char *text = json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    json_decref(doc);
    if (!text)
        cli_out_of_memory();
    atomic_file_write(f, text, strlen(text));
    atomic_file_write(f, "\n", 1);
    free(text);
    return atomic_file_commit(f, err);
}
