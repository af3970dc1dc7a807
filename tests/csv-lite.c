/* SPDX-License-Identifier: MIT */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "csv-lite.h"

#include <stdlib.h>
#include <string.h>

static int push(csv_lite *c, size_t *len, int ch)
{
    if (*len + 1 >= c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 4096;
        char *b = realloc(c->buf, cap);
        if (!b)
            return -1;
        c->buf = b;
        c->cap = cap;
    }
    c->buf[(*len)++] = (char)ch;
    return 0;
}

static int read_row(csv_lite *c)
{
    size_t len = 0, i, start;
    int ch, quoted = 0, any = 0;

    while ((ch = fgetc(c->f)) != EOF) {
        any = 1;
        if (quoted) {
            if (ch == '"') {
                int next = fgetc(c->f);
                if (next == '"') {
                    if (push(c, &len, '"'))
                        return -1;
                    continue;
                }
                quoted = 0;
                if (next == EOF)
                    break;
                ungetc(next, c->f);
                continue;
            }
            if (push(c, &len, ch))
                return -1;
            continue;
        }
        if (ch == '"')
            quoted = 1;
        else if (ch == ',') {
            if (push(c, &len, '\0'))
                return -1;
        } else if (ch == '\n')
            break;
        else if (ch != '\r' && push(c, &len, ch))
            return -1;
    }
    if (!any)
        return 0;
    if (push(c, &len, '\0'))
        return -1;
    c->n_fields = 0;
    for (start = 0, i = 0; i < len; i++) {
        if (c->buf[i] == '\0') {
            if (c->n_fields == c->cap_fields) {
                size_t cap = c->cap_fields ? c->cap_fields * 2 : 32;
                char **f = realloc(c->fields, cap * sizeof *f);
                if (!f)
                    return -1;
                c->fields = f;
                c->cap_fields = cap;
            }
            c->fields[c->n_fields++] = c->buf + start;
            start = i + 1;
        }
    }
    return 1;
}

int csv_lite_open(csv_lite *c, const char *path)
{
    size_t i;

    memset(c, 0, sizeof *c);
    c->f = fopen(path, "rb");
    if (!c->f || read_row(c) != 1)
        return -1;
    c->header = calloc(c->n_fields, sizeof *c->header);
    if (!c->header)
        return -1;
    for (i = 0; i < c->n_fields; i++) {
        const char *h = c->fields[i];
        if (i == 0 && strncmp(h, "\xef\xbb\xbf", 3) == 0)
            h += 3;
        c->header[i] = strdup(h);
        if (!c->header[i])
            return -1;
    }
    c->n_header = c->n_fields;
    return 0;
}

void csv_lite_close(csv_lite *c)
{
    size_t i;

    if (c->f)
        fclose(c->f);
    for (i = 0; i < c->n_header; i++)
        free(c->header[i]);
    free(c->header);
    free(c->buf);
    free(c->fields);
    memset(c, 0, sizeof *c);
}

int csv_lite_next(csv_lite *c)
{
    return read_row(c) == 1;
}

int csv_lite_column(const csv_lite *c, const char *name)
{
    size_t i;

    for (i = 0; i < c->n_header; i++)
        if (strcmp(c->header[i], name) == 0)
            return (int)i;
    return -1;
}

const char *csv_lite_field(const csv_lite *c, int i)
{
    return i >= 0 && (size_t)i < c->n_fields ? c->fields[i] : "";
}
