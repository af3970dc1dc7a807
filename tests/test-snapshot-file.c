/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#include "errors.h"
#include "l2a.h"
#include "snapshot-file.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 0;

static char path[64];

static void make_path(void)
{
    int fd;

    snprintf(path, sizeof path, "/tmp/l2a-snap-XXXXXX");
    fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
}

static void write_sample(void)
{
    l2a_snap_writer *w;
    char err[L2A_ERRMSG_SIZE];
    static const char text[] = "hello, snapshot";
    uint32_t numbers[1000];
    unsigned i;

    for (i = 0; i < 1000; i++)
        numbers[i] = i * 7u;
    ck_assert_int_eq(l2a_snapw_begin(path, &w, err), L2A_OK);
    ck_assert_int_eq(l2a_snapw_add(w, 1, text, sizeof text, err), L2A_OK);
    ck_assert_int_eq(l2a_snapw_add(w, 2, numbers, sizeof numbers, err), L2A_OK);
    ck_assert_int_eq(l2a_snapw_add(w, 3, NULL, 0, err), L2A_OK);
    ck_assert_int_eq(l2a_snapw_add(w, 1, text, 1, err), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_snapw_commit(w, err), L2A_OK);
}

START_TEST(round_trip)
{
    l2a_snap_reader *r;
    char err[L2A_ERRMSG_SIZE];
    const uint32_t *numbers;
    const char *text;
    size_t size;

    make_path();
    write_sample();
    ck_assert_int_eq(l2a_snapr_open(path, &r, err), L2A_OK);
    text = l2a_snapr_section(r, 1, &size);
    ck_assert_ptr_nonnull(text);
    ck_assert_uint_eq(size, 16);
    ck_assert_str_eq(text, "hello, snapshot");
    numbers = l2a_snapr_section(r, 2, &size);
    ck_assert_uint_eq(size, 4000);
    ck_assert_uint_eq((uintptr_t)numbers % L2A_SNAP_ALIGN, 0);
    ck_assert_uint_eq(numbers[999], 999u * 7u);
    ck_assert_ptr_nonnull(l2a_snapr_section(r, 3, &size));
    ck_assert_uint_eq(size, 0);
    ck_assert_ptr_null(l2a_snapr_section(r, 4, &size));
    l2a_snapr_close(r);
    unlink(path);
}
END_TEST

static long file_size(void)
{
    FILE *f = fopen(path, "rb");
    long n;

    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fclose(f);
    return n;
}

static void flip_byte(long at)
{
    FILE *f = fopen(path, "r+b");
    int c;

    ck_assert_ptr_nonnull(f);
    fseek(f, at, SEEK_SET);
    c = fgetc(f);
    fseek(f, at, SEEK_SET);
    fputc(c ^ 0x20, f);
    fclose(f);
}

/* Open, then verify every section: what a reader does before it trusts the bytes. */
static int open_and_verify(l2a_snap_reader **r, char *err)
{
    uint32_t i;
    int rc = l2a_snapr_open(path, r, err);

    if (rc)
        return rc;
    for (i = 0; i < l2a_snapr_count(*r); i++) {
        if ((rc = l2a_snapr_verify(*r, i)) != L2A_OK)
            break;
    }
    l2a_snapr_close(*r);
    *r = NULL;
    return rc;
}

START_TEST(damage_is_detected)
{
    l2a_snap_reader *r = NULL;
    char err[L2A_ERRMSG_SIZE];
    long size, at;

    make_path();
    write_sample();
    size = file_size();
    ck_assert_int_eq(open_and_verify(&r, err), L2A_OK);
    /*
     * Any single flipped byte, in the header, the table, a section or the
     * padding after one, is refused: by the open when it is in the frame, by
     * the verification of a section otherwise.
     */
    for (at = 0; at < size; at += at < 512 ? 1 : 37) {
        write_sample();
        flip_byte(at);
        ck_assert_int_eq(open_and_verify(&r, err), L2A_ERR_SNAPSHOT_FORMAT);
        ck_assert_ptr_null(r);
    }
    /* In the frame: the open itself refuses, and says why. */
    write_sample();
    flip_byte(70);
    ck_assert_int_eq(l2a_snapr_open(path, &r, err), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert_ptr_null(r);
    ck_assert(strstr(err, "checksum") != NULL);
    /* In a section: the open succeeds (it reads no section), that section's verification fails, the others pass. */
    write_sample();
    flip_byte(size - 200);
    ck_assert_int_eq(l2a_snapr_open(path, &r, err), L2A_OK);
    ck_assert_int_eq(l2a_snapr_verify(r, 0), L2A_OK);
    ck_assert_int_eq(l2a_snapr_verify(r, 1), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert_int_eq(l2a_snapr_verify(r, 2), L2A_OK);
    ck_assert_int_eq(l2a_snapr_verify(r, 3), L2A_ERR_SNAPSHOT_FORMAT); /* no such section */
    l2a_snapr_close(r);
    r = NULL;
    /* Truncated. */
    write_sample();
    ck_assert_int_eq(truncate(path, size - 1), 0);
    ck_assert_int_eq(l2a_snapr_open(path, &r, err), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert(strstr(err, "size") != NULL);
    ck_assert_int_eq(truncate(path, 10), 0);
    ck_assert_int_eq(l2a_snapr_open(path, &r, err), L2A_ERR_SNAPSHOT_FORMAT);
    /* Foreign. */
    {
        FILE *f = fopen(path, "wb");
        fputs("account_id,name\nA1,Acme\n...................................................................", f);
        fclose(f);
    }
    ck_assert_int_eq(l2a_snapr_open(path, &r, err), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert(strstr(err, "magic") != NULL);
    unlink(path);
    ck_assert_int_eq(l2a_snapr_open(path, &r, err), L2A_ERR_IO);
    ck_assert_int_eq(l2a_snapr_open("/tmp", &r, err), L2A_ERR_IO);
}
END_TEST

/* The header as written, to forge files around it. */
typedef struct raw_header {
    char magic[8];
    uint32_t format_version;
    uint32_t byte_order;
    uint32_t n_sections;
    uint32_t reserved;
    uint64_t file_size;
    uint64_t checksum;
    uint8_t pad[24];
} raw_header;

typedef struct raw_entry {
    uint32_t tag;
    uint32_t reserved;
    uint64_t offset;
    uint64_t size;
    uint64_t checksum;
} raw_entry;

static unsigned char *read_all(long *size)
{
    FILE *f = fopen(path, "rb");
    unsigned char *data;

    *size = file_size();
    data = malloc((size_t)*size);
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(data);
    ck_assert_int_eq(fread(data, 1, (size_t)*size, f), (size_t)*size);
    fclose(f);
    return data;
}

static void write_all(const unsigned char *data, long size)
{
    FILE *f = fopen(path, "wb");

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fwrite(data, 1, (size_t)size, f), (size_t)size);
    fclose(f);
}

/* Makes the frame checksum right again, as a forger would. */
static void reseal(unsigned char *data)
{
    raw_header h;
    size_t table = ((size_t)((raw_header *)data)->n_sections * sizeof(raw_entry) + 63) / 64 * 64;

    memcpy(&h, data, sizeof h);
    h.checksum = 0;
    memcpy(data, &h, sizeof h);
    h.checksum = XXH3_64bits(data, sizeof h + table);
    memcpy(data, &h, sizeof h);
}

START_TEST(forged_frames_are_refused)
{
    l2a_snap_reader *r = NULL;
    char err[L2A_ERRMSG_SIZE];
    unsigned char *data;
    raw_entry e;
    raw_header h;
    uint64_t where;
    long size;

    ck_assert_uint_eq(sizeof h, 64);
    make_path();
    write_sample();
    data = read_all(&size);
    /* The sample resealed unchanged still opens: the forgery below is all that differs. */
    reseal(data);
    write_all(data, size);
    ck_assert_int_eq(l2a_snapr_open(path, &r, err), L2A_OK);
    l2a_snapr_close(r);
    r = NULL;

    /* A valid checksum over a section that points outside the file. */
    memcpy(&e, data + sizeof h + sizeof e, sizeof e);
    where = e.offset;
    e.offset = (uint64_t)size * 4;
    memcpy(data + sizeof h + sizeof e, &e, sizeof e);
    reseal(data);
    write_all(data, size);
    ck_assert_int_eq(l2a_snapr_open(path, &r, err), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert(strstr(err, "bounds") != NULL);

    /* A size that runs past the end, and one that would wrap around. */
    e.offset = where;
    e.size = (uint64_t)size;
    memcpy(data + sizeof h + sizeof e, &e, sizeof e);
    reseal(data);
    write_all(data, size);
    ck_assert_int_eq(l2a_snapr_open(path, &r, err), L2A_ERR_SNAPSHOT_FORMAT);
    e.size = UINT64_MAX - 8;
    memcpy(data + sizeof h + sizeof e, &e, sizeof e);
    reseal(data);
    write_all(data, size);
    ck_assert_int_eq(l2a_snapr_open(path, &r, err), L2A_ERR_SNAPSHOT_FORMAT);

    /* Two sections over the same bytes. */
    free(data);
    write_sample();
    data = read_all(&size);
    memcpy(&e, data + sizeof h, sizeof e);
    memcpy(data + sizeof h + sizeof e, &e, sizeof e);
    reseal(data);
    write_all(data, size);
    ck_assert_int_eq(l2a_snapr_open(path, &r, err), L2A_ERR_SNAPSHOT_FORMAT);

    /* More sections than a table may hold. */
    free(data);
    write_sample();
    data = read_all(&size);
    memcpy(&h, data, sizeof h);
    h.n_sections = 1000000;
    memcpy(data, &h, sizeof h);
    write_all(data, size);
    ck_assert_int_eq(l2a_snapr_open(path, &r, err), L2A_ERR_SNAPSHOT_FORMAT);
    free(data);
    unlink(path);
}
END_TEST

START_TEST(older_format_is_refused_clearly)
{
    l2a_snap_reader *r = NULL;
    char err[L2A_ERRMSG_SIZE];
    unsigned char *data;
    raw_header h;
    long size;

    make_path();
    write_sample();
    data = read_all(&size);
    memcpy(&h, data, sizeof h);
    h.format_version = 1;
    memcpy(data, &h, sizeof h);
    reseal(data);
    write_all(data, size);
    ck_assert_int_eq(l2a_snapr_open(path, &r, err), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert(strstr(err, "format version 1") != NULL);
    ck_assert(strstr(err, "save the snapshot again") != NULL);
    h.format_version = 99;
    memcpy(data, &h, sizeof h);
    reseal(data);
    write_all(data, size);
    ck_assert_int_eq(l2a_snapr_open(path, &r, err), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert(strstr(err, "version") != NULL);
    free(data);
    unlink(path);
}
END_TEST

START_TEST(abort_leaves_nothing)
{
    l2a_snap_writer *w;
    char err[L2A_ERRMSG_SIZE], target[64];

    snprintf(target, sizeof target, "/tmp/l2a-snap-abort-%ld", (long)getpid());
    unlink(target);
    ck_assert_int_eq(l2a_snapw_begin(target, &w, err), L2A_OK);
    ck_assert_int_eq(l2a_snapw_add(w, 9, "x", 1, err), L2A_OK);
    l2a_snapw_abort(w);
    ck_assert_int_ne(access(target, F_OK), 0);
    l2a_snapw_abort(NULL);
    ck_assert_int_eq(l2a_snapw_begin("/nonexistent-dir/x.snap", &w, err), L2A_ERR_IO);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("snapshot-file");
    TCase *tc = tcase_create("container");

    tcase_add_test(tc, round_trip);
    tcase_add_test(tc, damage_is_detected);
    tcase_add_test(tc, forged_frames_are_refused);
    tcase_add_test(tc, older_format_is_refused_clearly);
    tcase_add_test(tc, abort_leaves_nothing);
    suite_add_tcase(s, tc);
    return s;
}
