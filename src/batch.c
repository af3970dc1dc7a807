/* SPDX-License-Identifier: MIT */
/* Matching many persons at once: contiguous slices on worker threads, each calling l2a_match. */
#include <pthread.h>
#include <unistd.h>

#include "alloc.h"
#include "l2a.h"

typedef struct slice {
    const l2a_matcher *m;
    const l2a_record *const *persons;
    l2a_result *const *results;
    size_t first, end;
    size_t failed_at; /* index of the first failure, or end */
    int error;
} slice;

static void match_slice(slice *s)
{
    size_t i;

    s->failed_at = s->end;
    s->error = L2A_OK;
    for (i = s->first; i < s->end; i++) {
        int rc = l2a_match(s->m, s->persons[i], s->results[i]);
        if (rc != L2A_OK && s->error == L2A_OK) {
            s->error = rc;
            s->failed_at = i;
        }
    }
}

static void *run_slice(void *arg)
{
    match_slice(arg);
    return NULL;
}

static unsigned online_processors(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n > 0 ? (unsigned)n : 1;
}

static int arguments_ok(const l2a_record *const *persons, size_t n, l2a_result *const *results)
{
    size_t i;

    if (n && (!persons || !results))
        return 0;
    for (i = 0; i < n; i++)
        if (!results[i])
            return 0;
    return 1;
}

L2A_API int l2a_match_batch(const l2a_matcher *m, const l2a_record *const *persons, size_t n,
                            l2a_result *const *results, unsigned threads)
{
    pthread_t *ids;
    slice *slices;
    unsigned char *running;
    size_t t, per;
    int rc = L2A_OK;

    if (!m || !arguments_ok(persons, n, results))
        return L2A_ERR_INVALID_ARGUMENT;
    if (n == 0)
        return L2A_OK;
    if (threads == 0)
        threads = online_processors();
    if (threads > n)
        threads = (unsigned)n;
    slices = l2a_calloc(threads, sizeof *slices);
    ids = l2a_calloc(threads, sizeof *ids);
    running = l2a_calloc(threads, 1);
    if (!slices || !ids || !running) {
        l2a_free(slices);
        l2a_free(ids);
        l2a_free(running);
        return L2A_ERR_NOMEM;
    }
    per = (n + threads - 1) / threads;
    for (t = 0; t < threads; t++) {
        size_t first = t * per < n ? t * per : n, end = (t + 1) * per < n ? (t + 1) * per : n;
        slices[t] = (slice){m, persons, results, first, end, end, L2A_OK};
    }
    /*
     * The calling thread takes slice 0, so one thread means no thread at
     * all; a slice whose thread cannot be started is matched here too.
     */
    for (t = 1; t < threads; t++)
        running[t] = pthread_create(&ids[t], NULL, run_slice, &slices[t]) == 0;
    match_slice(&slices[0]);
    for (t = 1; t < threads; t++) {
        if (running[t])
            pthread_join(ids[t], NULL);
        else
            match_slice(&slices[t]);
    }
    for (t = 0; t < threads && rc == L2A_OK; t++)
        rc = slices[t].error;
    l2a_free(slices);
    l2a_free(ids);
    l2a_free(running);
    return rc;
}
