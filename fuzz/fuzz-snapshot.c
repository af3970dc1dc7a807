/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the snapshot loader, l2a_matcher_load_snapshot(), through
 * the public API only.
 *
 * A snapshot is a file, so each input is written to one temporary file and
 * loaded from there. Inputs of at least a header's length are loaded twice:
 * as they are (the container checks: magic, version, byte order, size,
 * checksums), and with the header's size field, every in-bounds section's
 * checksum and the checksum of the header and table set to what the bytes
 * call for, so that mutations reach the section checks and the tables
 * behind them instead of all dying on a checksum.
 *
 * Checks, beyond "no crash, no leak, no undefined behaviour": a refused
 * file gives one of the documented codes and leaves the matcher new, empty
 * and unbuilt (the next input is loaded into the same matcher; that a
 * refused matcher still loads a valid snapshot is checked once at start);
 * an accepted one gives a built matcher whose answers are well-formed
 * (known statuses, probabilities, ids), before and after accounts are
 * changed on top of it and the whole is compacted.
 */
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#include "fuzz.h"
#include "l2a.h"

/* The container layout (snapshot-file.c): the header, then a table of 32-byte entries. */
#define HEADER_SIZE 64
#define N_SECTIONS_OFFSET 16
#define SIZE_OFFSET 24
#define CHECKSUM_OFFSET 32
#define ENTRY_SIZE 32
#define MAX_SECTIONS 64

static char path[64];
static char good_path[64];
static int fd = -1;

static void remove_files(void)
{
    if (path[0])
        unlink(path);
    if (good_path[0])
        unlink(good_path);
}

/* A small valid snapshot, to prove that a refused load left the matcher usable. */
static void write_good_snapshot(void)
{
    static const char *const accounts[][3] = {
        {"A1", "Acme Holdings Inc", "acme.com"},
        {"A2", "Müller & Söhne KG", "mueller.de"},
        {"A3", "株式会社ニコン", "nikon.co.jp"},
    };
    l2a_matcher *m;
    l2a_record *rec;
    size_t i;

    if (l2a_matcher_new(&m) != L2A_OK || l2a_record_new(&rec) != L2A_OK)
        abort();
    for (i = 0; i < sizeof accounts / sizeof accounts[0]; i++) {
        l2a_record_clear(rec);
        l2a_record_set(rec, L2A_FIELD_ID, accounts[i][0], L2A_NTS);
        l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, accounts[i][1], L2A_NTS);
        l2a_record_add(rec, L2A_FIELD_DOMAIN, accounts[i][2], L2A_NTS);
        if (l2a_matcher_add_account(m, rec) != L2A_OK)
            abort();
    }
    if (l2a_matcher_build(m) != L2A_OK || l2a_matcher_save_snapshot(m, good_path) != L2A_OK)
        abort();
    l2a_record_free(rec);
    l2a_matcher_free(m);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *dir = getenv("TMPDIR");
    int gfd;

    (void)argc;
    (void)argv;
    if (!dir || !*dir || strlen(dir) > 40)
        dir = "/tmp";
    snprintf(path, sizeof path, "%s/l2a-fuzz-XXXXXX", dir);
    snprintf(good_path, sizeof good_path, "%s/l2a-good-XXXXXX", dir);
    fd = mkstemp(path);
    gfd = mkstemp(good_path);
    if (fd < 0 || gfd < 0)
        abort();
    close(gfd);
    atexit(remove_files);
    write_good_snapshot();
    /* A refused load leaves a matcher that still takes a good snapshot. */
    {
        l2a_matcher *m;
        if (l2a_matcher_new(&m) != L2A_OK)
            abort();
        FUZZ_CHECK(l2a_matcher_load_snapshot(m, "/") != L2A_OK);
        FUZZ_CHECK(l2a_matcher_load_snapshot(m, good_path) == L2A_OK);
        FUZZ_CHECK(l2a_matcher_account_count(m) == 3);
        l2a_matcher_free(m);
    }
    return 0;
}

static void write_input(const uint8_t *data, size_t size)
{
    if (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0)
        abort();
    while (size) {
        ssize_t n = write(fd, data, size);
        if (n <= 0)
            abort();
        data += n;
        size -= (size_t)n;
    }
}

static void check_matcher(const l2a_matcher *m)
{
    static const char *const persons[][3] = {
        /* email, company name, website */
        {"jane@acme.com", "", ""},
        {"", "Acme Holdings", ""},
        {"x@gmail.com", "Müller und Söhne", "nikon.co.jp"},
        {"", "", ""},
    };
    l2a_record *rec;
    l2a_result *res;
    size_t i, j;

    if (l2a_record_new(&rec) != L2A_OK || l2a_result_new(&res) != L2A_OK)
        abort();
    for (i = 0; i < sizeof persons / sizeof persons[0]; i++) {
        int rc, status;
        l2a_record_clear(rec);
        l2a_record_set(rec, L2A_FIELD_ID, "P", L2A_NTS);
        l2a_record_set(rec, L2A_FIELD_EMAIL, persons[i][0], L2A_NTS);
        l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, persons[i][1], L2A_NTS);
        l2a_record_set(rec, L2A_FIELD_WEBSITE, persons[i][2], L2A_NTS);
        rc = l2a_match(m, rec, res);
        FUZZ_CHECK(rc == L2A_OK || rc == L2A_ERR_NOMEM || rc == L2A_ERR_INTERNAL);
        status = l2a_result_status(res);
        FUZZ_CHECK(l2a_status_name(status) != NULL && status != L2A_STATUS_NONE);
        FUZZ_CHECK(l2a_result_score(res) >= 0.0 && l2a_result_score(res) <= 1.0);
        for (j = 0; j < l2a_result_candidate_count(res); j++) {
            const char *id = l2a_result_candidate_id(res, j);
            double s = l2a_result_candidate_score(res, j);
            FUZZ_CHECK(id != NULL && strlen(id) <= L2A_FIELD_MAX_BYTES);
            FUZZ_CHECK(s >= 0.0 && s <= 1.0);
        }
        for (j = 0; j < l2a_result_reason_count(res); j++) {
            double v = NAN, c = NAN;
            FUZZ_CHECK(l2a_result_reason(res, j, NULL, &v, &c) == L2A_OK);
            FUZZ_CHECK(!isnan(v) && !isnan(c));
        }
    }
    l2a_result_free(res);
    l2a_record_free(rec);
}

/* Changes on top of a loaded snapshot: add (or replace) one account,
 * remove another, apply them, then merge everything with compact. */
static void change_accounts(l2a_matcher *m)
{
    l2a_record *rec;
    int rc;

    if (l2a_record_new(&rec) != L2A_OK)
        abort();
    l2a_record_set(rec, L2A_FIELD_ID, "A1", L2A_NTS);
    l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, "Acme Holdings Inc", L2A_NTS);
    l2a_record_add(rec, L2A_FIELD_DOMAIN, "acme.com", L2A_NTS);
    FUZZ_CHECK(l2a_matcher_add_account(m, rec) == L2A_OK);
    rc = l2a_matcher_remove_account(m, "A2", L2A_NTS);
    FUZZ_CHECK(rc == L2A_OK || rc == L2A_ERR_NOT_FOUND);
    FUZZ_CHECK(l2a_matcher_build(m) == L2A_OK);
    check_matcher(m);
    FUZZ_CHECK(l2a_matcher_compact(m) == L2A_OK);
    check_matcher(m);
    l2a_record_free(rec);
}

/* A matcher straight from l2a_matcher_new(). A refused load leaves it so
 * and it serves the next input; an accepted one uses it up. */
static l2a_matcher *fresh;

static void load_one(void)
{
    l2a_record *rec;
    l2a_result *res;
    int rc;

    if (!fresh && l2a_matcher_new(&fresh) != L2A_OK)
        abort();
    rc = l2a_matcher_load_snapshot(fresh, path);
    FUZZ_CHECK(rc == L2A_OK || rc == L2A_ERR_SNAPSHOT_FORMAT || rc == L2A_ERR_IO ||
               rc == L2A_ERR_NOMEM);
    if (rc == L2A_OK) {
        char key[64];
        FUZZ_CHECK(l2a_matcher_build(fresh) == L2A_OK); /* nothing pending: a no-op */
        check_matcher(fresh);
        change_accounts(fresh);
        (void)l2a_normalize_name(fresh, "Acme Inc", L2A_NTS, key, sizeof key, NULL);
        (void)l2a_registrable_domain(fresh, "a@b.acme.co.uk", L2A_NTS, key, sizeof key, NULL);
        FUZZ_CHECK(l2a_matcher_model_version(fresh) != NULL);
        l2a_matcher_free(fresh);
        fresh = NULL;
        return;
    }
    /* Refused: the matcher is still new, unbuilt and empty. */
    FUZZ_CHECK(l2a_matcher_errmsg(fresh)[0] != '\0');
    FUZZ_CHECK(l2a_matcher_account_count(fresh) == 0);
    if (l2a_record_new(&rec) != L2A_OK || l2a_result_new(&res) != L2A_OK)
        abort();
    FUZZ_CHECK(l2a_match(fresh, rec, res) == L2A_ERR_NOT_BUILT);
    l2a_result_free(res);
    l2a_record_free(rec);
}

static void put_u64(uint8_t *p, uint64_t v)
{
    int i;
    for (i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_u64(const uint8_t *p)
{
    uint64_t v = 0;
    int i;
    for (i = 0; i < 8; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* Sets the size, the checksums of the sections that lie in the file, and the checksum of the frame. */
static void make_checksums_right(uint8_t *file, size_t size)
{
    uint32_t n = (uint32_t)get_u64(file + N_SECTIONS_OFFSET), i;
    size_t table = ((size_t)(n > MAX_SECTIONS ? MAX_SECTIONS : n) * ENTRY_SIZE + 63) / 64 * 64;

    put_u64(file + SIZE_OFFSET, size);
    if (HEADER_SIZE + table > size)
        return;
    for (i = 0; i < n && i < MAX_SECTIONS; i++) {
        uint8_t *e = file + HEADER_SIZE + (size_t)i * ENTRY_SIZE;
        uint64_t off = get_u64(e + 8), len = get_u64(e + 16);
        if (off <= size && len <= size - off)
            put_u64(e + 24, XXH3_64bits(file + off, (size_t)len));
    }
    put_u64(file + CHECKSUM_OFFSET, 0);
    put_u64(file + CHECKSUM_OFFSET, XXH3_64bits(file, HEADER_SIZE + table));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    write_input(data, size);
    load_one();
    if (size >= HEADER_SIZE) {
        uint8_t *fixed = malloc(size);
        if (!fixed)
            abort();
        memcpy(fixed, data, size);
        make_checksums_right(fixed, size);
        if (memcmp(fixed, data, size) != 0) {
            write_input(fixed, size);
            load_one();
        }
        free(fixed);
    }
    return 0;
}
