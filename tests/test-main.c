/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "test-common.h"

#define EXIT_SKIP 77

static const char *shared_data_dir(void)
{
    const char *dir = getenv("L2A_SHARED_DATA");
    struct stat st;

    if (!dir || !*dir || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return NULL;
    return dir;
}

const char *l2a_test_data_path(const char *relative)
{
    static char path[4096];
    const char *dir = shared_data_dir();

    if (!dir)
        return NULL;
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, relative) >= sizeof path)
        return NULL;
    return path;
}

int main(void)
{
    SRunner *runner;
    int failed;

    if (l2a_test_wants_shared_data && !shared_data_dir()) {
        printf("skipped: the shared data folder is absent (L2A_SHARED_DATA)\n");
        return EXIT_SKIP;
    }
    runner = srunner_create(l2a_test_suite());
    srunner_run_all(runner, CK_NORMAL);
    failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
