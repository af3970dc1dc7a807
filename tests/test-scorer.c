/* SPDX-License-Identifier: MIT */
#include "test-common.h"

const int l2a_test_wants_shared_data = 0;

Suite *l2a_test_suite(void)
{
    return suite_create("scorer");
}
