/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the l2a command's input readers (cli/table.c with the CSV
 * back end over libcsv or the JSON Lines back end over jansson), and the
 * filling of library records from their rows (cli/record-fill.c).
 * Built twice: FUZZ_TABLE_FORMAT is FORMAT_CSV (fuzz-csv) or FORMAT_JSONL
 * (fuzz-jsonl).
 *
 * The readers take a path, so each input is written to one temporary file
 * that is reopened through the reader's ordinary code path. The first byte
 * chooses the table (persons or accounts); the rest is the file.
 *
 * Checks, beyond "no crash, no leak, no undefined behaviour":
 * - a regular file never gives a read error;
 * - every row is accounted for: rows start on strictly increasing physical
 *   lines that exist in the file, and there are no more rows than lines;
 * - a row is either rejected with a reason or has NUL-terminated values;
 * - the end of the input comes only after every byte of the file was read;
 * - a kept row either fills a library record or is refused with a reason.
 */
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "l2a.h"
#include "record-fill.h"
#include "table.h"

#ifndef FUZZ_TABLE_FORMAT
#error "FUZZ_TABLE_FORMAT must be FORMAT_CSV or FORMAT_JSONL"
#endif

static char path[64];
static int fd = -1;
static l2a_record *rec;

static void remove_file(void)
{
    if (path[0])
        unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *dir = getenv("TMPDIR");
    (void)argc;
    (void)argv;
    if (!dir || !*dir || strlen(dir) > 40)
        dir = "/tmp";
    snprintf(path, sizeof path, "%s/l2a-fuzz-XXXXXX", dir);
    fd = mkstemp(path);
    if (fd < 0 || l2a_record_new(&rec) != L2A_OK)
        abort();
    atexit(remove_file);
    return 0;
}

static bool write_input(const uint8_t *data, size_t size)
{
    if (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0)
        return false;
    while (size) {
        ssize_t n = write(fd, data, size);
        if (n <= 0)
            return false;
        data += n;
        size -= (size_t)n;
    }
    return true;
}

static uint64_t count_lines(const uint8_t *data, size_t size)
{
    uint64_t lines = 0;
    size_t i;
    for (i = 0; i < size; i++)
        lines += data[i] == '\n';
    return lines + (size && data[size - 1] != '\n');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const column_schema *schema;
    table_reader *reader = NULL;
    table_row row;
    buf err = {0}, reason = {0};
    uint64_t lines, last_line = 0, rows = 0;
    int rc;

    if (size == 0)
        return 0;
    schema = data[0] & 1 ? &accounts_schema : &persons_schema;
    data++;
    size--;
    if (!write_input(data, size))
        abort();
    lines = count_lines(data, size);

    rc = table_reader_open(&reader, path, FUZZ_TABLE_FORMAT, FORMAT_AUTO, schema, &err);
    if (rc != 0) {
        /* Only CSV reads a header; refusing it names the reason. */
        FUZZ_CHECK(FUZZ_TABLE_FORMAT == FORMAT_CSV && rc == CLI_EXIT_INPUT && err.len > 0);
        FUZZ_CHECK(reader == NULL);
        buf_free(&err);
        return 0;
    }
    memset(&row, 0, sizeof row);
    for (;;) {
        size_t slot;
        rc = table_reader_next(reader, &row, &err);
        FUZZ_CHECK(rc == 0 || rc == 1);
        if (rc == 0)
            break;
        rows++;
        FUZZ_CHECK(row.line > last_line && row.line <= lines);
        last_line = row.line;
        FUZZ_CHECK(rows <= lines);
        if (row.reject.len) {
            FUZZ_CHECK(strlen(row.reject.data) == row.reject.len);
            continue;
        }
        for (slot = 0; slot < schema->count; slot++) {
            size_t len;
            const char *v = table_row_value(&row, slot, &len);
            FUZZ_CHECK(v[len] == '\0');
        }
        buf_clear(&reason);
        rc = record_fill(rec, schema, &row, &reason);
        FUZZ_CHECK(rc == L2A_OK || rc == L2A_ERR_INVALID_UTF8 || rc == L2A_ERR_TOO_LONG);
        FUZZ_CHECK((rc == L2A_OK) == (reason.len == 0));
        if (rc == L2A_OK && row_has_id(schema, &row))
            FUZZ_CHECK(l2a_record_count(rec, L2A_FIELD_ID) == 1);
    }
    /* The end is reached only once the whole file was read. */
    FUZZ_CHECK(table_reader_bytes_read(reader) == size);
    FUZZ_CHECK(table_reader_size(reader) == (int64_t)size);
    table_reader_close(reader);
    table_row_free(&row);
    buf_free(&err);
    buf_free(&reason);
    return 0;
}
