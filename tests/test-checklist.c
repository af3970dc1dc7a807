/* SPDX-License-Identifier: MIT */
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "checklist.h"
#include "l2a.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 0;

#define N_TASKS 40

typedef struct tasks {
    atomic_int runs[N_TASKS];
    int failing; /* index of the task that fails, or -1 */
} tasks;

static void pause_a_millisecond(void)
{
    struct timespec ms = {0, 1000000};
    nanosleep(&ms, NULL);
}

static int run_one(const void *ctx, size_t i)
{
    tasks *t = (tasks *)ctx;

    atomic_fetch_add(&t->runs[i], 1);
    /* Slow enough that several threads are at work at once. */
    if (i % 8 == 0)
        pause_a_millisecond();
    return (int)i == t->failing;
}

static void init_tasks(tasks *t, int failing)
{
    int i;

    for (i = 0; i < N_TASKS; i++)
        atomic_init(&t->runs[i], 0);
    t->failing = failing;
}

static void *run_list(void *list)
{
    return (void *)l2a_checklist_run(list);
}

START_TEST(every_task_runs_once_whoever_asks)
{
    enum { THREADS = 6 };
    l2a_checklist *c;
    pthread_t th[THREADS];
    tasks t;
    int i;

    init_tasks(&t, -1);
    ck_assert_int_eq(l2a_checklist_new(N_TASKS, run_one, &t, &c), L2A_OK);
    for (i = 0; i < THREADS; i++)
        ck_assert_int_eq(pthread_create(&th[i], NULL, run_list, c), 0);
    for (i = 0; i < THREADS; i++) {
        void *verdict;
        pthread_join(th[i], &verdict);
        ck_assert_int_eq((long)verdict, -1);
    }
    for (i = 0; i < N_TASKS; i++)
        ck_assert_int_eq(atomic_load(&t.runs[i]), 1);
    /* Known: asking again runs nothing. */
    ck_assert_int_eq(l2a_checklist_run(c), -1);
    ck_assert_int_eq(l2a_checklist_run_parallel(c, 4), -1);
    ck_assert_int_eq(atomic_load(&t.runs[5]), 1);
    l2a_checklist_free(c);
}
END_TEST

START_TEST(helpers_share_the_work)
{
    static const unsigned threads[] = {0, 1, 2, 8, 1000};
    size_t k;
    int i;

    for (k = 0; k < sizeof threads / sizeof threads[0]; k++) {
        l2a_checklist *c;
        tasks t;
        init_tasks(&t, -1);
        ck_assert_int_eq(l2a_checklist_new(N_TASKS, run_one, &t, &c), L2A_OK);
        ck_assert_int_eq(l2a_checklist_run_parallel(c, threads[k]), -1);
        for (i = 0; i < N_TASKS; i++)
            ck_assert_int_eq(atomic_load(&t.runs[i]), 1);
        l2a_checklist_free(c);
    }
}
END_TEST

START_TEST(a_failure_is_the_verdict_for_good)
{
    l2a_checklist *c;
    tasks t;
    int i, ran = 0;

    /* One thread takes the tasks in order and stops at the failure. */
    init_tasks(&t, 7);
    ck_assert_int_eq(l2a_checklist_new(N_TASKS, run_one, &t, &c), L2A_OK);
    ck_assert_int_eq(l2a_checklist_run(c), 7);
    ck_assert_int_eq(l2a_checklist_run(c), 7);
    ck_assert_int_eq(l2a_checklist_run_parallel(c, 4), 7);
    for (i = 0; i < N_TASKS; i++)
        ran += atomic_load(&t.runs[i]);
    ck_assert_int_eq(ran, 8);
    l2a_checklist_free(c);
    /* No tasks: passed at once. */
    ck_assert_int_eq(l2a_checklist_new(0, run_one, &t, &c), L2A_OK);
    ck_assert_int_eq(l2a_checklist_run(c), -1);
    l2a_checklist_free(c);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("checklist");
    TCase *tc = tcase_create("checklist");

    tcase_add_test(tc, every_task_runs_once_whoever_asks);
    tcase_add_test(tc, helpers_share_the_work);
    tcase_add_test(tc, a_failure_is_the_verdict_for_good);
    suite_add_tcase(s, tc);
    return s;
}
