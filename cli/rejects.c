/* SPDX-License-Identifier: MIT */
#include "rejects.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "writer.h"

static const char header[] = "source,line,reason,raw\n";

/* Standard output, or a device or pipe such as /dev/null: nothing to put a file beside. */
bool output_is_stream(const char *output_path)
{
    struct stat st;

    return strcmp(output_path, "-") == 0 || (stat(output_path, &st) == 0 && !S_ISREG(st.st_mode));
}

char *rejects_default_path(const char *output_path)
{
    if (output_is_stream(output_path))
        return xstrdup("l2a-rejects.csv");
    static const char *const suffixes[] = {".csv", ".jsonl", ".ndjson"};
    size_t n = strlen(output_path);
    const char *slash = strrchr(output_path, '/');
    size_t base_start = slash ? (size_t)(slash - output_path) + 1 : 0;
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        size_t m = strlen(suffixes[i]);
        /* Keep a name that is only a suffix (".csv") whole. */
        if (n - base_start > m && ascii_equal_nocase(output_path + n - m, m, suffixes[i])) {
            n -= m;
            break;
        }
    }
    buf path = {0};
    buf_append(&path, output_path, n);
    buf_puts(&path, ".rejects.csv");
    return path.data;
}

static bool open_file(rejects *r, buf *err)
{
    if (!atomic_file_open(&r->file, r->path, err))
        return false;
    return atomic_file_write(&r->file, header, sizeof header - 1);
}

bool rejects_open(rejects *r, const char *path, bool always, buf *err)
{
    memset(r, 0, sizeof *r);
    r->file.slot = -1;
    r->path = xstrdup(path);
    r->always = always;
    return !always || open_file(r, err);
}

bool rejects_add(rejects *r, const char *source, uint64_t line, const char *reason,
                 const char *raw, size_t raw_len, buf *err)
{
    if (!atomic_file_is_open(&r->file) && !open_file(r, err))
        return false;
    r->count++;
    buf_clear(&r->line);
    buf_puts(&r->line, source);
    buf_printf(&r->line, ",%llu,", (unsigned long long)line);
    csv_append_field(&r->line, reason, strlen(reason));
    buf_putc(&r->line, ',');
    /* An empty raw row must still read back as one field, not as nothing. */
    if (raw_len == 0)
        buf_puts(&r->line, "\"\"");
    else
        csv_append_field(&r->line, raw, raw_len);
    buf_putc(&r->line, '\n');
    if (!atomic_file_write(&r->file, r->line.data, r->line.len)) {
        buf_printf(err, "%s: write error", r->path);
        return false;
    }
    return true;
}

bool rejects_has_file(const rejects *r)
{
    return atomic_file_is_open(&r->file);
}

bool rejects_commit(rejects *r, buf *err)
{
    bool ok = !atomic_file_is_open(&r->file) || atomic_file_commit(&r->file, err);
    free(r->path);
    r->path = NULL;
    buf_free(&r->line);
    return ok;
}

void rejects_abort(rejects *r)
{
    if (atomic_file_is_open(&r->file))
        atomic_file_abort(&r->file);
    free(r->path);
    r->path = NULL;
    buf_free(&r->line);
}
