/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

START_TEST(damage_is_detected)
{
    l2a_snap_reader *r = NULL;
    char err[L2A_ERRMSG_SIZE];
    long size, at;

    make_path();
    write_sample();
    size = file_size();
    /* Any single flipped byte, in the header, the table or a section, is refused. */
    for (at = 0; at < size; at += at < 128 ? 1 : 37) {
        write_sample();
        flip_byte(at);
        ck_assert_int_eq(l2a_snapr_open(path, &r, err), L2A_ERR_SNAPSHOT_FORMAT);
        ck_assert_ptr_null(r);
        ck_assert(strstr(err, "snapshot") != NULL);
    }
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
    tcase_add_test(tc, abort_leaves_nothing);
    suite_add_tcase(s, tc);
    return s;
}
