/* SPDX-License-Identifier: MIT */
#include "writer.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const plain_columns[] = {"person_id", "account_id", "score", "method",
                                            "relationship_source"};
static const char *const all_columns[] = {"person_id", "class",  "status",
                                          "account_id", "score", "method",
                                          "relationship_source"};
static const char *const explain_columns[] = {"runner_up_id", "runner_up_score", "reasons"};

#define COUNT(a) (sizeof(a) / sizeof *(a))

void csv_append_field(buf *out, const char *s, size_t len)
{
    if (!memchr(s, ',', len) && !memchr(s, '"', len) && !memchr(s, '\n', len) &&
        !memchr(s, '\r', len)) {
        buf_append(out, s, len);
        return;
    }
    buf_putc(out, '"');
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            buf_putc(out, '"');
        buf_putc(out, s[i]);
    }
    buf_putc(out, '"');
}

void output_header(const output_options *o, buf *out)
{
    if (o->format != FORMAT_CSV)
        return;
    const char *const *cols = o->all ? all_columns : plain_columns;
    size_t n = o->all ? COUNT(all_columns) : COUNT(plain_columns);
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(out, ',');
        buf_puts(out, cols[i]);
    }
    for (size_t i = 0; o->explain && i < COUNT(explain_columns); i++) {
        buf_putc(out, ',');
        buf_puts(out, explain_columns[i]);
    }
    buf_putc(out, '\n');
}

bool output_wants(const output_options *o, int status)
{
    return o->all ? status != L2A_STATUS_REJECTED : status == L2A_STATUS_MATCHED;
}

void format_reasons(const l2a_result *res, size_t max, buf *out)
{
    size_t n = l2a_result_reason_count(res);
    for (size_t i = 0; i < n && i < max; i++) {
        int feature;
        double contribution;
        if (l2a_result_reason(res, i, &feature, NULL, &contribution) != L2A_OK)
            break;
        const char *name = l2a_feature_name(feature);
        buf_printf(out, "%s%s:%+.2f", i ? ";" : "", name ? name : "?", contribution);
    }
}

/* The text of one output row, before it is laid out as CSV or JSON. */
typedef struct row_text {
    const char *class_name, *status_name, *account_id, *method_name, *runner_up_id;
    double score, runner_up_score;
    buf reasons;
} row_text;

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

static void collect(const output_options *o, const l2a_result *res, row_text *t)
{
    t->class_name = or_empty(l2a_person_class_name(l2a_result_person_class(res)));
    t->status_name = or_empty(l2a_status_name(l2a_result_status(res)));
    t->account_id = l2a_result_account_id(res);
    t->score = l2a_result_score(res);
    t->method_name = t->account_id ? or_empty(l2a_method_name(l2a_result_method(res))) : "";
    t->runner_up_id = l2a_result_runner_up_id(res);
    t->runner_up_score = l2a_result_runner_up_score(res);
    t->reasons = (buf){0};
    if (o->explain)
        format_reasons(res, REASONS_SHOWN, &t->reasons);
}

static void csv_put(buf *out, const char *s)
{
    buf_putc(out, ',');
    csv_append_field(out, s, strlen(s));
}

static void csv_put_score(buf *out, bool present, double score)
{
    buf_putc(out, ',');
    if (present)
        buf_printf(out, "%.4f", score);
}

static void write_csv(const output_options *o, const char *id, size_t id_len,
                      const row_text *t, buf *out)
{
    csv_append_field(out, id, id_len);
    if (o->all) {
        csv_put(out, t->class_name);
        csv_put(out, t->status_name);
    }
    csv_put(out, or_empty(t->account_id));
    csv_put_score(out, t->account_id != NULL, t->score);
    csv_put(out, t->method_name);
    csv_put(out, RELATIONSHIP_SOURCE);
    if (o->explain) {
        csv_put(out, or_empty(t->runner_up_id));
        csv_put_score(out, t->runner_up_id != NULL, t->runner_up_score);
        csv_put(out, buf_str(&t->reasons));
    }
    buf_putc(out, '\n');
}

/* Rounded so that four significant digits print the four decimals exactly. */
static json_t *json_score(bool present, double score)
{
    return present ? json_real(round(score * 1e4) / 1e4) : json_null();
}

static json_t *json_text_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static void write_json(const output_options *o, const char *id, size_t id_len,
                       const row_text *t, buf *out)
{
    json_t *obj = json_object();
    if (!obj)
        cli_out_of_memory();
    json_object_set_new(obj, "person_id", json_stringn(id, id_len));
    if (o->all) {
        json_object_set_new(obj, "class", json_string(t->class_name));
        json_object_set_new(obj, "status", json_string(t->status_name));
    }
    json_object_set_new(obj, "account_id", json_text_or_null(t->account_id));
    json_object_set_new(obj, "score", json_score(t->account_id != NULL, t->score));
    json_object_set_new(obj, "method", json_text_or_null(t->method_name));
    json_object_set_new(obj, "relationship_source", json_string(RELATIONSHIP_SOURCE));
    if (o->explain) {
        json_object_set_new(obj, "runner_up_id", json_text_or_null(t->runner_up_id));
        json_object_set_new(obj, "runner_up_score",
                            json_score(t->runner_up_id != NULL, t->runner_up_score));
        json_object_set_new(obj, "reasons", json_string(buf_str(&t->reasons)));
    }
    char *text = json_dumps(obj, JSON_COMPACT | JSON_REAL_PRECISION(4));
    json_decref(obj);
    if (!text)
        cli_out_of_memory();
    buf_puts(out, text);
    buf_putc(out, '\n');
    free(text);
}

void output_result(const output_options *o, const char *person_id, size_t id_len,
                   const l2a_result *res, buf *out)
{
    row_text t;
    collect(o, res, &t);
    if (o->format == FORMAT_JSONL)
        write_json(o, person_id, id_len, &t, out);
    else
        write_csv(o, person_id, id_len, &t, out);
    buf_free(&t.reasons);
}

void output_rejected(const output_options *o, const char *person_id, size_t id_len, buf *out)
{
    row_text t = {.class_name = "", .status_name = "rejected", .method_name = ""};

    if (o->format == FORMAT_JSONL)
        write_json(o, person_id, id_len, &t, out);
    else
        write_csv(o, person_id, id_len, &t, out);
}
