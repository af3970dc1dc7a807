/* SPDX-License-Identifier: MIT */
#include "scorer.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"

void l2a_model_init(l2a_model *model)
{
    memset(model, 0, sizeof *model);
    snprintf(model->version, sizeof model->version, "%s", "unnamed");
    model->platt_a = 1.0;
    model->platt_b = 0.0;
    model->threshold = 0.5;
}

/* A cursor over the lines of a text that need not be NUL-terminated. */
typedef struct line_reader {
    const char *p;
    const char *end;
    unsigned lineno;
} line_reader;

#define MAX_LINE 256

/* Next non-blank, non-comment line into buf, trimmed; 0 at the end, -1 when too long. */
static int next_line(line_reader *r, char *buf)
{
    while (r->p < r->end) {
        const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
        const char *stop = nl ? nl : r->end;
        size_t n;

        r->lineno++;
        while (r->p < stop && (*r->p == ' ' || *r->p == '\t'))
            r->p++;
        n = (size_t)(stop - r->p);
        while (n && (r->p[n - 1] == ' ' || r->p[n - 1] == '\t' || r->p[n - 1] == '\r'))
            n--;
        if (n >= MAX_LINE)
            return -1;
        memcpy(buf, r->p, n);
        buf[n] = '\0';
        r->p = nl ? nl + 1 : r->end;
        if (n && buf[0] != '#')
            return 1;
    }
    return 0;
}

static int parse_double(const char *s, double *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(s, &end);
    if (end == s || *end != '\0' || errno || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int feature_by_name(const char *name)
{
    int f;

    for (f = 0; f < L2A_FEATURE_COUNT; f++)
        if (strcmp(l2a_feature_name(f), name) == 0)
            return f;
    return -1;
}

/* Splits "key rest" in place: returns rest (may be ""). */
static char *split_word(char *line)
{
    char *sp = strpbrk(line, " \t");

    if (!sp)
        return line + strlen(line);
    *sp++ = '\0';
    while (*sp == ' ' || *sp == '\t')
        sp++;
    return sp;
}

static int parse_entry(l2a_model *m, char *key, char *rest)
{
    char *arg2;
    int f;

    if (strcmp(key, "version") == 0) {
        if (!*rest || strlen(rest) >= sizeof m->version || strpbrk(rest, " \t"))
            return -1;
        memcpy(m->version, rest, strlen(rest) + 1);
        return 0;
    }
    if (strcmp(key, "bias") == 0)
        return parse_double(rest, &m->bias);
    if (strcmp(key, "threshold") == 0)
        return parse_double(rest, &m->threshold) || m->threshold < 0 || m->threshold > 1 ? -1 : 0;
    arg2 = split_word(rest);
    if (strcmp(key, "weight") == 0) {
        f = feature_by_name(rest);
        return f < 0 ? -1 : parse_double(arg2, &m->weights[f]);
    }
    if (strcmp(key, "calibration") == 0 && strcmp(rest, "platt") == 0) {
        char *b = split_word(arg2);
        return parse_double(arg2, &m->platt_a) || parse_double(b, &m->platt_b) ? -1 : 0;
    }
    return -1;
}

int l2a_model_parse(const char *text, size_t len, l2a_model *model, char *errmsg)
{
    line_reader r = {text, text + len, 0};
    char line[MAX_LINE];
    l2a_model m;
    int got;

    if (!text)
        return l2a_set_error(errmsg, L2A_ERR_MODEL_FORMAT, "model: no text");
    l2a_model_init(&m);
    got = next_line(&r, line);
    if (got <= 0 || strcmp(line, "l2a-model 1") != 0)
        return l2a_set_error(errmsg, L2A_ERR_MODEL_FORMAT,
                             "model: line %u: expected the header \"l2a-model 1\"", r.lineno);
    while ((got = next_line(&r, line)) > 0) {
        char *rest = split_word(line);

        if (strcmp(line, "end") == 0) {
            *model = m;
            return L2A_OK;
        }
        if (parse_entry(&m, line, rest) != 0)
            return l2a_set_error(errmsg, L2A_ERR_MODEL_FORMAT, "model: line %u: cannot read \"%s\"",
                                 r.lineno, line);
    }
    if (got < 0)
        return l2a_set_error(errmsg, L2A_ERR_MODEL_FORMAT, "model: line %u: too long", r.lineno);
    return l2a_set_error(errmsg, L2A_ERR_MODEL_FORMAT, "model: missing the final \"end\" line");
}

static int append_line(l2a_buf *out, const char *key, const char *name, double value)
{
    char line[MAX_LINE];
    int n = name ? snprintf(line, sizeof line, "%s %s %.17g\n", key, name, value)
                 : snprintf(line, sizeof line, "%s %.17g\n", key, value);

    return l2a_buf_append(out, line, (size_t)n);
}

int l2a_model_write(const l2a_model *model, l2a_buf *out)
{
    char line[MAX_LINE];
    int rc, f, n;

    l2a_buf_reset(out);
    n = snprintf(line, sizeof line, "l2a-model %d\nversion %s\n", L2A_MODEL_FORMAT_VERSION, model->version);
    rc = l2a_buf_append(out, line, (size_t)n);
    rc = rc ? rc : append_line(out, "threshold", NULL, model->threshold);
    rc = rc ? rc : append_line(out, "bias", NULL, model->bias);
    for (f = 0; f < L2A_FEATURE_COUNT && !rc; f++)
        rc = append_line(out, "weight", l2a_feature_name(f), model->weights[f]);
    if (!rc) {
        n = snprintf(line, sizeof line, "calibration platt %.17g %.17g\nend\n", model->platt_a, model->platt_b);
        rc = l2a_buf_append(out, line, (size_t)n);
    }
    return rc;
}

double l2a_model_logit(const l2a_model *model, const double *features, double *contributions)
{
    double z = model->bias;
    int f;

    for (f = 0; f < L2A_FEATURE_COUNT; f++) {
        double c = model->weights[f] * features[f];
        if (contributions)
            contributions[f] = c;
        z += c;
    }
    return z;
}

double l2a_model_probability(const l2a_model *model, double logit)
{
    double t = model->platt_a * logit + model->platt_b;

    /* Written so that neither branch overflows exp(). */
    if (t >= 0)
        return 1.0 / (1.0 + exp(-t));
    return exp(t) / (1.0 + exp(t));
}

double l2a_model_calibrate(const l2a_model *model, double p)
{
    /* Clamp so that certainty stays finite in log-odds. */
    const double eps = 1e-12;
    double q = p < eps ? eps : p > 1.0 - eps ? 1.0 - eps : p;

    return l2a_model_probability(model, log(q / (1.0 - q)));
}
