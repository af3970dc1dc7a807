/* SPDX-License-Identifier: MIT */
/*
 * The allocation wrappers across the size from which blocks are mapped on
 * their own (2 MiB): contents survive every resize, calloc zeroes, and
 * heap and mapped blocks free alike. Run under ASan the wrappers use the
 * heap only, and the same assertions hold.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 0;

#define MIB ((size_t)1 << 20)

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 131u + seed);
}

/* Whether p holds fill's pattern over n bytes; checks every 4093rd byte and both ends. */
static int holds(const unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i += 4093)
        if (p[i] != (unsigned char)(i * 131u + seed))
            return 0;
    return n == 0 || p[n - 1] == (unsigned char)((n - 1) * 131u + seed);
}

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

START_TEST(test_blocks_of_every_size_hold_what_is_written)
{
    static const size_t sizes[] = {0, 1, 15, 16, 4096, 2 * MIB - 17, 2 * MIB - 16, 2 * MIB, 2 * MIB + 1, 9 * MIB + 5};

    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        unsigned char *p = l2a_malloc(sizes[i]);

        ck_assert_ptr_nonnull(p);
        /* malloc's alignment is kept, whatever the kind of block. */
        ck_assert_uint_eq((uintptr_t)p % 16, 0);
        fill(p, sizes[i], 7);
        ck_assert(holds(p, sizes[i], 7));
        l2a_free(p);
    }
}
END_TEST

START_TEST(test_calloc_zeroes_small_and_large)
{
    unsigned char *small = l2a_calloc(1000, 3), *large = l2a_calloc(3 * MIB, 1);

    ck_assert_ptr_nonnull(small);
    ck_assert_ptr_nonnull(large);
    ck_assert(all_zero(small, 3000));
    ck_assert(all_zero(large, 3 * MIB));
    l2a_free(small);
    l2a_free(large);
    /* Overflowing counts are refused, not wrapped. */
    ck_assert_ptr_null(l2a_calloc(SIZE_MAX / 2, 4));
    ck_assert_ptr_null(l2a_mallocarray(SIZE_MAX / 2, 4));
    ck_assert_ptr_null(l2a_malloc(SIZE_MAX - 8));
}
END_TEST

/* A block grown by doubling from small to large, then shrunk back: its bytes survive each step. */
START_TEST(test_realloc_keeps_contents_across_kinds)
{
    size_t size = 1000;
    unsigned char *p = l2a_malloc(size);

    ck_assert_ptr_nonnull(p);
    fill(p, size, 3);
    while (size < 12 * MIB) {
        size_t grown = size * 2;
        unsigned char *q = l2a_realloc(p, grown);

        ck_assert_ptr_nonnull(q);
        ck_assert(holds(q, size, 3));
        fill(q, grown, 3);
        p = q;
        size = grown;
    }
    /* Large to large, smaller; then large to small. */
    p = l2a_realloc(p, 5 * MIB);
    ck_assert_ptr_nonnull(p);
    ck_assert(holds(p, 5 * MIB, 3));
    p = l2a_realloc(p, 100);
    ck_assert_ptr_nonnull(p);
    ck_assert(holds(p, 100, 3));
    /* And up again at once. */
    p = l2a_reallocarray(p, 3 * MIB, 2);
    ck_assert_ptr_nonnull(p);
    ck_assert(holds(p, 100, 3));
    ck_assert_ptr_null(l2a_reallocarray(p, SIZE_MAX / 2, 4));
    l2a_free(p);
}
END_TEST

START_TEST(test_realloc_of_null_and_free_of_null)
{
    unsigned char *p = l2a_realloc(NULL, 4 * MIB);

    ck_assert_ptr_nonnull(p);
    fill(p, 4 * MIB, 11);
    ck_assert(holds(p, 4 * MIB, 11));
    l2a_free(p);
    l2a_free(NULL);
}
END_TEST

START_TEST(test_strndup_copies_and_terminates)
{
    char *s = l2a_strndup("hello, world", 5);

    ck_assert_str_eq(s, "hello");
    l2a_free(s);
    ck_assert_ptr_null(l2a_strndup("x", SIZE_MAX));
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("alloc");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_blocks_of_every_size_hold_what_is_written);
    tcase_add_test(tc, test_calloc_zeroes_small_and_large);
    tcase_add_test(tc, test_realloc_keeps_contents_across_kinds);
    tcase_add_test(tc, test_realloc_of_null_and_free_of_null);
    tcase_add_test(tc, test_strndup_copies_and_terminates);
    suite_add_tcase(s, tc);
    return s;
}
