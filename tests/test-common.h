/* SPDX-License-Identifier: MIT */
/*
 * Shared by every Check test program: each test file defines
 * l2a_test_suite() and l2a_test_wants_shared_data; test-main.c runs the suite.
 */
#ifndef L2A_TEST_COMMON_H
#define L2A_TEST_COMMON_H

#include <check.h>
#include <stddef.h>

/* Defined by each test file. */
Suite *l2a_test_suite(void);
/* Non-zero when the suite reads ../shared/data; the program then exits 77 when it is absent. */
extern const int l2a_test_wants_shared_data;

/*
 * Path of a file under the shared data folder (L2A_SHARED_DATA, set by
 * meson test), in a static buffer; NULL when the folder is absent.
 */
const char *l2a_test_data_path(const char *relative);

#endif
