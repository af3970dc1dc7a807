/* SPDX-License-Identifier: MIT */
/*
 * Allocation-failure injection over the public API.
 *
 * This program is linked with a copy of alloc.c built with
 * -DL2A_ALLOC_FAILURE_INJECTION (see meson.build here), so that the n-th
 * allocation the library makes can be made to fail. For every scenario (one
 * public call on a prepared state) it loops n = 1, 2, ... until the call
 * completes without reaching an injected failure, and checks at each n:
 * - the call returned L2A_OK or L2A_ERR_NOMEM, and L2A_OK when nothing failed;
 * - after L2A_ERR_NOMEM the object is unchanged (same values, same account
 *   count, still unbuilt, same model) and the same call succeeds once the
 *   injector is disarmed, with the answer a never-failed run gives;
 * - an L2A_OK despite a failed allocation still gives that answer;
 * - tearing the state down frees every block the library allocated (the
 *   injector counts live blocks; valgrind or LeakSanitizer see the rest);
 * - a snapshot save that fails leaves no file behind, not even a temporary one.
 * Each scenario runs twice: failing only the n-th allocation ("one-shot"),
 * and failing the n-th and every later one ("sticky"), which exercises the
 * clean-up paths under pressure.
 *
 * ICU and libpsl allocate with their own allocators, which this hook does
 * not reach; their failures are covered only as far as the library maps
 * them to L2A_ERR_NOMEM or L2A_ERR_INTERNAL.
 */
#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc-inject.h"
#include "l2a.h"

static int failures;

static void fail(const char *scenario, size_t n, bool sticky, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "FAIL %s (n=%zu, %s): ", scenario, n, sticky ? "sticky" : "one-shot");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    failures++;
}

/* The scenario being run, for CHECK messages. */
static const char *cur_name;
static size_t cur_n;
static bool cur_sticky;

#define CHECK(cond)                                                                    \
    do {                                                                               \
        if (!(cond))                                                                   \
            fail(cur_name, cur_n, cur_sticky, "%s:%d: %s", __FILE__, __LINE__, #cond); \
    } while (0)

/* Abort the whole program: set-up must not fail, the injector is disarmed. */
#define MUST(call)                                                                   \
    do {                                                                             \
        int must_rc_ = (call);                                                       \
        if (must_rc_ != L2A_OK) {                                                    \
            fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #call,            \
                    l2a_strerror(must_rc_));                                         \
            exit(EXIT_FAILURE);                                                      \
        }                                                                            \
    } while (0)

/* ---- fixtures ---- */

#define N_ACCOUNTS 24

static const char *const words[] = {"north", "star", "river", "global", "alpine", "blue",
                                    "summit", "harbor", "quantum", "cedar", "pacific", "golden"};

static void fill_account(l2a_record *rec, unsigned i)
{
    char buf[160];
    l2a_record_clear(rec);
    snprintf(buf, sizeof buf, "ACC%03u", i);
    MUST(l2a_record_set(rec, L2A_FIELD_ID, buf, L2A_NTS));
    snprintf(buf, sizeof buf, "%s %s Société %u GmbH", words[i % 12], words[(i / 12) % 12], i);
    MUST(l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, buf, L2A_NTS));
    snprintf(buf, sizeof buf, "%s%u.com", words[i % 12], i);
    MUST(l2a_record_add(rec, L2A_FIELD_DOMAIN, buf, L2A_NTS));
    snprintf(buf, sizeof buf, "https://www.%s%u.co.uk/about", words[i % 12], i);
    MUST(l2a_record_set(rec, L2A_FIELD_WEBSITE, buf, L2A_NTS));
    if (i % 3 == 0) {
        snprintf(buf, sizeof buf, "%s Group %u", words[(i + 5) % 12], i);
        MUST(l2a_record_add(rec, L2A_FIELD_ALIAS, buf, L2A_NTS));
    }
    MUST(l2a_record_set(rec, L2A_FIELD_COUNTRY, i % 2 ? "DE" : "United States", L2A_NTS));
    MUST(l2a_record_set(rec, L2A_FIELD_CITY, i % 2 ? "Köln" : "Boston", L2A_NTS));
    MUST(l2a_record_set(rec, L2A_FIELD_PHONE, "+49 221 1234567", L2A_NTS));
    if (i > 0)
        MUST(l2a_record_set(rec, L2A_FIELD_PARENT_ID, "ACC000", L2A_NTS));
}

static l2a_matcher *new_matcher(unsigned n_accounts, bool build)
{
    l2a_matcher *m;
    l2a_record *rec;
    unsigned i;

    MUST(l2a_matcher_new(&m));
    MUST(l2a_record_new(&rec));
    for (i = 0; i < n_accounts; i++) {
        fill_account(rec, i);
        MUST(l2a_matcher_add_account(m, rec));
    }
    l2a_record_free(rec);
    if (build)
        MUST(l2a_matcher_build(m));
    return m;
}

#define N_PERSONS 6

/* Persons of every kind: by email, by name, by website, free-mail, account person, anonymous. */
static void fill_person(l2a_record *rec, unsigned k)
{
    l2a_record_clear(rec);
    MUST(l2a_record_set(rec, L2A_FIELD_ID, "P", L2A_NTS));
    switch (k) {
    case 0:
        MUST(l2a_record_set(rec, L2A_FIELD_EMAIL, "jane@emea.river2.com", L2A_NTS));
        break;
    case 1:
        MUST(l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, "Cedar Star Societe 9", L2A_NTS));
        MUST(l2a_record_set(rec, L2A_FIELD_COUNTRY, "Germany", L2A_NTS));
        break;
    case 2:
        MUST(l2a_record_set(rec, L2A_FIELD_WEBSITE, "http://summit6.co.uk/", L2A_NTS));
        MUST(l2a_record_set(rec, L2A_FIELD_PHONE, "+1 617 555 0100", L2A_NTS));
        break;
    case 3:
        MUST(l2a_record_set(rec, L2A_FIELD_EMAIL, "bob@gmail.com", L2A_NTS));
        MUST(l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, "Golden Group 6", L2A_NTS));
        break;
    case 4:
        MUST(l2a_record_add(rec, L2A_FIELD_ACCOUNT_IDS, "ACC001", L2A_NTS));
        break;
    default:
        MUST(l2a_record_set(rec, L2A_FIELD_FIRST_NAME, "Anne", L2A_NTS));
        break;
    }
}

typedef struct answer {
    int status, cls, method;
    char account[32], runner_up[32];
    double score;
    size_t candidates, reasons;
} answer;

static void take_answer(const l2a_result *res, answer *a)
{
    const char *id = l2a_result_account_id(res), *ru = l2a_result_runner_up_id(res);
    memset(a, 0, sizeof *a);
    a->status = l2a_result_status(res);
    a->cls = l2a_result_person_class(res);
    a->method = l2a_result_method(res);
    snprintf(a->account, sizeof a->account, "%s", id ? id : "");
    snprintf(a->runner_up, sizeof a->runner_up, "%s", ru ? ru : "");
    a->score = l2a_result_score(res);
    a->candidates = l2a_result_candidate_count(res);
    a->reasons = l2a_result_reason_count(res);
}

static bool same_answer(const answer *a, const answer *b)
{
    return a->status == b->status && a->cls == b->cls && a->method == b->method &&
           strcmp(a->account, b->account) == 0 && strcmp(a->runner_up, b->runner_up) == 0 &&
           a->score == b->score && a->candidates == b->candidates && a->reasons == b->reasons;
}

static answer expected[N_PERSONS];
/* After ACC002 is removed and ACC100 added (see stage_changes()). */
static answer expected_changed[N_PERSONS];

static void compute_expected(void)
{
    l2a_matcher *m = new_matcher(N_ACCOUNTS, true);
    l2a_record *rec;
    l2a_result *res;
    unsigned k;

    MUST(l2a_record_new(&rec));
    MUST(l2a_result_new(&res));
    for (k = 0; k < N_PERSONS; k++) {
        fill_person(rec, k);
        MUST(l2a_match(m, rec, res));
        take_answer(res, &expected[k]);
    }
    /* The fixtures must exercise what they claim to. */
    if (expected[0].status != L2A_STATUS_MATCHED || expected[4].status != L2A_STATUS_SKIPPED ||
        expected[5].status != L2A_STATUS_ANONYMOUS || expected[1].candidates == 0) {
        fprintf(stderr, "fixtures do not match as intended (statuses %d %d %d, %zu candidates)\n",
                expected[0].status, expected[4].status, expected[5].status, expected[1].candidates);
        exit(EXIT_FAILURE);
    }
    l2a_matcher_free(m);

    /* The accounts after the changes (ACC002 removed, ACC100 added), built at once. */
    {
        l2a_record *acc;
        unsigned i;
        MUST(l2a_matcher_new(&m));
        MUST(l2a_record_new(&acc));
        for (i = 0; i < N_ACCOUNTS; i++) {
            if (i == 2)
                continue;
            fill_account(acc, i);
            MUST(l2a_matcher_add_account(m, acc));
        }
        fill_account(acc, 100);
        MUST(l2a_record_set(acc, L2A_FIELD_ID, "ACC100", L2A_NTS));
        MUST(l2a_record_add(acc, L2A_FIELD_DOMAIN, "river2.com", L2A_NTS));
        MUST(l2a_matcher_add_account(m, acc));
        l2a_record_free(acc);
        MUST(l2a_matcher_build(m));
    }
    for (k = 0; k < N_PERSONS; k++) {
        fill_person(rec, k);
        MUST(l2a_match(m, rec, res));
        take_answer(res, &expected_changed[k]);
    }
    l2a_result_free(res);
    l2a_record_free(rec);
    l2a_matcher_free(m);
}

/* All persons against a matcher give the expected answers. */
static void check_all_answers(const l2a_matcher *m)
{
    l2a_record *rec;
    l2a_result *res;
    answer a;
    unsigned k;

    MUST(l2a_record_new(&rec));
    MUST(l2a_result_new(&res));
    for (k = 0; k < N_PERSONS; k++) {
        fill_person(rec, k);
        CHECK(l2a_match(m, rec, res) == L2A_OK);
        take_answer(res, &a);
        CHECK(same_answer(&a, &expected[k]));
    }
    l2a_result_free(res);
    l2a_record_free(rec);
}

/* ---- scenarios ----
 *
 * setup() prepares the state with the injector disarmed; run() is the one
 * call under test, armed; after() checks rc and the state once disarmed,
 * with `failed` telling whether an injected failure was reached; teardown()
 * frees everything.
 */
typedef struct state {
    l2a_matcher *m;
    l2a_record *rec;
    l2a_result *res;
    unsigned k;     /* which person */
    char path[96];  /* a model or snapshot file */
    char dir[64];   /* a folder of the test's own, removed at teardown */
    l2a_result *batch[N_PERSONS];
    l2a_record *recs[N_PERSONS];
    char out[256];
    size_t out_len;
} state;

typedef struct scenario {
    const char *name;
    void (*setup)(state *s);
    int (*run)(state *s);
    void (*after)(state *s, int rc, bool failed);
} scenario;

static void teardown(state *s)
{
    unsigned k;
    for (k = 0; k < N_PERSONS; k++) {
        l2a_result_free(s->batch[k]);
        l2a_record_free(s->recs[k]);
    }
    l2a_result_free(s->res);
    l2a_record_free(s->rec);
    l2a_matcher_free(s->m);
    if (s->path[0])
        unlink(s->path);
    if (s->dir[0])
        rmdir(s->dir);
}

static void check_rc(int rc, bool failed)
{
    CHECK(rc == L2A_OK || rc == L2A_ERR_NOMEM);
    if (!failed)
        CHECK(rc == L2A_OK);
}

/* matcher_new */
static void setup_nothing(state *s)
{
    (void)s;
}
static int run_matcher_new(state *s)
{
    return l2a_matcher_new(&s->m);
}
static void after_matcher_new(state *s, int rc, bool failed)
{
    char key[32];
    check_rc(rc, failed);
    if (rc != L2A_OK) {
        CHECK(s->m == NULL);
        CHECK(l2a_matcher_new(&s->m) == L2A_OK);
    }
    CHECK(s->m != NULL);
    if (s->m) {
        CHECK(l2a_normalize_name(s->m, "ACME Holdings, Inc.", L2A_NTS, key, sizeof key, NULL) == L2A_OK);
        CHECK(strcmp(key, "acme holdings") == 0);
        CHECK(strcmp(l2a_matcher_model_version(s->m), "") != 0);
    }
}

/* record_new / result_new */
static int run_record_new(state *s)
{
    return l2a_record_new(&s->rec);
}
static void after_record_new(state *s, int rc, bool failed)
{
    check_rc(rc, failed);
    if (rc != L2A_OK) {
        CHECK(s->rec == NULL);
        CHECK(l2a_record_new(&s->rec) == L2A_OK);
    }
    if (s->rec) {
        CHECK(l2a_record_set(s->rec, L2A_FIELD_ID, "x", 1) == L2A_OK);
        CHECK(l2a_record_count(s->rec, L2A_FIELD_ID) == 1);
    }
}
static int run_result_new(state *s)
{
    return l2a_result_new(&s->res);
}
static void after_result_new(state *s, int rc, bool failed)
{
    check_rc(rc, failed);
    if (rc != L2A_OK) {
        CHECK(s->res == NULL);
        CHECK(l2a_result_new(&s->res) == L2A_OK);
    }
    if (s->res)
        CHECK(l2a_result_status(s->res) == L2A_STATUS_NONE);
}

/* record_set: replace a short value with a long one */
static const char long_name[] =
    "Internationale Gesellschaft für angewandte Forschung und Entwicklung "
    "mit beschränkter Haftung & Co. Kommanditgesellschaft auf Aktien — Zweigniederlassung "
    "Nordrhein-Westfalen (Köln, Düsseldorf, Münster)";

static void setup_record(state *s)
{
    MUST(l2a_record_new(&s->rec));
    MUST(l2a_record_set(s->rec, L2A_FIELD_ID, "P1", L2A_NTS));
    MUST(l2a_record_set(s->rec, L2A_FIELD_COMPANY_NAME, "Old Name", L2A_NTS));
    MUST(l2a_record_add(s->rec, L2A_FIELD_DOMAIN, "a.example", L2A_NTS));
    MUST(l2a_record_add(s->rec, L2A_FIELD_DOMAIN, "b.example", L2A_NTS));
}
static void check_record_start(const l2a_record *rec)
{
    const char *v = l2a_record_get(rec, L2A_FIELD_COMPANY_NAME, 0, NULL);
    CHECK(v && strcmp(v, "Old Name") == 0);
    CHECK(l2a_record_count(rec, L2A_FIELD_DOMAIN) == 2);
    v = l2a_record_get(rec, L2A_FIELD_DOMAIN, 1, NULL);
    CHECK(v && strcmp(v, "b.example") == 0);
    v = l2a_record_get(rec, L2A_FIELD_ID, 0, NULL);
    CHECK(v && strcmp(v, "P1") == 0);
}
static int run_record_set(state *s)
{
    return l2a_record_set(s->rec, L2A_FIELD_COMPANY_NAME, long_name, L2A_NTS);
}
static void after_record_set(state *s, int rc, bool failed)
{
    const char *v;
    check_rc(rc, failed);
    if (rc != L2A_OK) {
        check_record_start(s->rec);
        CHECK(l2a_record_errmsg(s->rec) != NULL);
        CHECK(run_record_set(s) == L2A_OK);
    }
    v = l2a_record_get(s->rec, L2A_FIELD_COMPANY_NAME, 0, NULL);
    CHECK(v && strcmp(v, long_name) == 0);
    CHECK(l2a_record_count(s->rec, L2A_FIELD_DOMAIN) == 2);
}
static int run_record_add(state *s)
{
    return l2a_record_add(s->rec, L2A_FIELD_DOMAIN, long_name, L2A_NTS);
}
static void after_record_add(state *s, int rc, bool failed)
{
    const char *v;
    check_rc(rc, failed);
    if (rc != L2A_OK) {
        check_record_start(s->rec);
        CHECK(run_record_add(s) == L2A_OK);
    }
    CHECK(l2a_record_count(s->rec, L2A_FIELD_DOMAIN) == 3);
    v = l2a_record_get(s->rec, L2A_FIELD_DOMAIN, 2, NULL);
    CHECK(v && strcmp(v, long_name) == 0);
    v = l2a_record_get(s->rec, L2A_FIELD_DOMAIN, 0, NULL);
    CHECK(v && strcmp(v, "a.example") == 0);
}

/* add_account: the 25th account of an unbuilt matcher */
static void setup_add_account(state *s)
{
    s->m = new_matcher(N_ACCOUNTS, false);
    MUST(l2a_record_new(&s->rec));
    fill_account(s->rec, N_ACCOUNTS);
    MUST(l2a_record_add(s->rec, L2A_FIELD_ALIAS, long_name, L2A_NTS));
}
static int run_add_account(state *s)
{
    return l2a_matcher_add_account(s->m, s->rec);
}
static void after_add_account(state *s, int rc, bool failed)
{
    check_rc(rc, failed);
    if (rc != L2A_OK) {
        CHECK(l2a_matcher_account_count(s->m) == N_ACCOUNTS);
        CHECK(run_add_account(s) == L2A_OK);
    }
    CHECK(l2a_matcher_account_count(s->m) == N_ACCOUNTS + 1);
    /* Added once: adding again is a duplicate, whatever happened before. */
    CHECK(run_add_account(s) == L2A_ERR_DUPLICATE_ID);
}

/* add_freemail */
static void setup_matcher_unbuilt(state *s)
{
    s->m = new_matcher(N_ACCOUNTS, false);
}
static int run_add_freemail(state *s)
{
    return l2a_matcher_add_freemail(s->m, "River2.COM", L2A_NTS);
}
static void after_add_freemail(state *s, int rc, bool failed)
{
    l2a_record *rec;
    l2a_result *res;
    check_rc(rc, failed);
    if (rc != L2A_OK)
        CHECK(run_add_freemail(s) == L2A_OK);
    /* river2.com is now a free-mail provider: its domain no longer decides. */
    CHECK(l2a_matcher_build(s->m) == L2A_OK);
    MUST(l2a_record_new(&rec));
    MUST(l2a_result_new(&res));
    fill_person(rec, 0);
    CHECK(l2a_match(s->m, rec, res) == L2A_OK);
    CHECK(l2a_result_method(res) != L2A_METHOD_DOMAIN);
    l2a_result_free(res);
    l2a_record_free(rec);
}

/* build */
static int run_build(state *s)
{
    return l2a_matcher_build(s->m);
}
static void after_build(state *s, int rc, bool failed)
{
    l2a_record *rec;
    l2a_result *res;
    check_rc(rc, failed);
    if (rc != L2A_OK) {
        /* Still unbuilt: matching is refused, and accounts may still be added. */
        MUST(l2a_record_new(&rec));
        MUST(l2a_result_new(&res));
        fill_person(rec, 0);
        CHECK(l2a_match(s->m, rec, res) == L2A_ERR_NOT_BUILT);
        /* The build gave up the id set: duplicates are still refused. */
        fill_account(rec, 3);
        CHECK(l2a_matcher_add_account(s->m, rec) == L2A_ERR_DUPLICATE_ID);
        l2a_result_free(res);
        l2a_record_free(rec);
        CHECK(l2a_matcher_account_count(s->m) == N_ACCOUNTS);
        CHECK(run_build(s) == L2A_OK);
    }
    /* Nothing pending: building again is a no-op. */
    CHECK(run_build(s) == L2A_OK);
    check_all_answers(s->m);
}

/* Changes after the build: ACC002 removed, ACC100 added (it takes river2.com,
 * the domain of person 0), applied by build, merged by compact. */

static void stage_changes(l2a_matcher *m)
{
    l2a_record *rec;
    MUST(l2a_record_new(&rec));
    fill_account(rec, 100);
    MUST(l2a_record_set(rec, L2A_FIELD_ID, "ACC100", L2A_NTS));
    MUST(l2a_record_add(rec, L2A_FIELD_DOMAIN, "river2.com", L2A_NTS));
    MUST(l2a_matcher_add_account(m, rec));
    l2a_record_free(rec);
    MUST(l2a_matcher_remove_account(m, "ACC002", L2A_NTS));
}

static void check_answers(const l2a_matcher *m, const answer *want, bool scores)
{
    l2a_record *rec;
    l2a_result *res;
    answer a;
    unsigned k;

    MUST(l2a_record_new(&rec));
    MUST(l2a_result_new(&res));
    for (k = 0; k < N_PERSONS; k++) {
        fill_person(rec, k);
        CHECK(l2a_match(m, rec, res) == L2A_OK);
        take_answer(res, &a);
        if (scores) {
            CHECK(same_answer(&a, &want[k]));
        } else {
            /* Incremental: the same decisions; trigram weights may differ slightly. */
            CHECK(a.status == want[k].status && strcmp(a.account, want[k].account) == 0);
        }
    }
    l2a_result_free(res);
    l2a_record_free(rec);
}

static void setup_staged(state *s)
{
    s->m = new_matcher(N_ACCOUNTS, true);
    stage_changes(s->m);
}
static void after_build_changes(state *s, int rc, bool failed)
{
    check_rc(rc, failed);
    if (rc != L2A_OK) {
        /* No change applied: the matcher matches as before. */
        check_all_answers(s->m);
        CHECK(run_build(s) == L2A_OK);
    }
    CHECK(l2a_matcher_account_count(s->m) == N_ACCOUNTS);
    check_answers(s->m, expected_changed, false);
    CHECK(strcmp(expected_changed[0].account, "ACC100") == 0);
}

static int run_remove(state *s)
{
    return l2a_matcher_remove_account(s->m, "ACC002", L2A_NTS);
}
static void after_remove(state *s, int rc, bool failed)
{
    check_rc(rc, failed);
    if (rc != L2A_OK)
        CHECK(run_remove(s) == L2A_OK);
    /* Removed once (staged): a second removal finds nothing. */
    CHECK(run_remove(s) == L2A_ERR_NOT_FOUND);
    check_all_answers(s->m); /* staged changes are invisible */
    CHECK(l2a_matcher_build(s->m) == L2A_OK);
    CHECK(l2a_matcher_account_count(s->m) == N_ACCOUNTS - 1);
}

static void setup_compact(state *s)
{
    setup_staged(s);
    MUST(l2a_matcher_build(s->m));
}
static int run_compact(state *s)
{
    return l2a_matcher_compact(s->m);
}
static void after_compact(state *s, int rc, bool failed)
{
    check_rc(rc, failed);
    if (rc != L2A_OK) {
        check_answers(s->m, expected_changed, false);
        CHECK(run_compact(s) == L2A_OK);
    }
    /* As if built from the live accounts at once: the fresh build's exact answers. */
    check_answers(s->m, expected_changed, true);
}

/* l2a_match_batch on two threads: results identical to one l2a_match each */
static void setup_batch(state *s)
{
    s->m = new_matcher(N_ACCOUNTS, true);
}
static int run_batch(state *s)
{
    return l2a_match_batch(s->m, (const l2a_record *const *)s->recs, N_PERSONS, s->batch, 2);
}
static void setup_batch_results(state *s)
{
    unsigned k;
    setup_batch(s);
    for (k = 0; k < N_PERSONS; k++) {
        MUST(l2a_result_new(&s->batch[k]));
        MUST(l2a_record_new(&s->recs[k]));
        fill_person(s->recs[k], k);
    }
}
static void after_batch(state *s, int rc, bool failed)
{
    answer a;
    unsigned k;
    check_rc(rc, failed);
    if (rc != L2A_OK)
        CHECK(run_batch(s) == L2A_OK);
    for (k = 0; k < N_PERSONS; k++) {
        take_answer(s->batch[k], &a);
        CHECK(same_answer(&a, &expected[k]));
    }
}

/* match: on a fresh result (cold) and on a result and matcher that already matched (warm) */
static void setup_match_cold(state *s)
{
    s->m = new_matcher(N_ACCOUNTS, true);
    MUST(l2a_record_new(&s->rec));
    MUST(l2a_result_new(&s->res));
    fill_person(s->rec, s->k);
}
static void setup_match_warm(state *s)
{
    unsigned k;
    setup_match_cold(s);
    for (k = 0; k < N_PERSONS; k++) {
        fill_person(s->rec, k);
        MUST(l2a_match(s->m, s->rec, s->res));
    }
    fill_person(s->rec, s->k);
}
static int run_match(state *s)
{
    return l2a_match(s->m, s->rec, s->res);
}
static void after_match(state *s, int rc, bool failed)
{
    answer a;
    CHECK(rc == L2A_OK || rc == L2A_ERR_NOMEM);
    if (!failed)
        CHECK(rc == L2A_OK);
    if (rc != L2A_OK) {
        CHECK(l2a_result_status(s->res) == L2A_STATUS_REJECTED);
        CHECK(l2a_result_errmsg(s->res) != NULL && l2a_result_errmsg(s->res)[0] != '\0');
        CHECK(run_match(s) == L2A_OK);
    }
    take_answer(s->res, &a);
    CHECK(same_answer(&a, &expected[s->k]));
    check_all_answers(s->m);
}

/* set_model and load_model */
static const char custom_model[] =
    "l2a-model 1\nversion inject-test-1\nthreshold 0.4\nbias -5\n"
    "weight email_domain 8\nweight name_trigram 5\nweight name_exact 2\n"
    "calibration platt 1 0\nend\n";

static int run_set_model(state *s)
{
    return l2a_matcher_set_model(s->m, custom_model, sizeof custom_model - 1);
}
static void after_model(state *s, int rc, bool failed, int (*retry)(state *))
{
    double t;
    check_rc(rc, failed);
    if (rc != L2A_OK) {
        CHECK(strcmp(l2a_matcher_model_version(s->m), "inject-test-1") != 0);
        CHECK(retry(s) == L2A_OK);
    }
    CHECK(strcmp(l2a_matcher_model_version(s->m), "inject-test-1") == 0);
    CHECK(l2a_matcher_get_param(s->m, L2A_PARAM_THRESHOLD, &t) == L2A_OK && t == 0.4);
}
static void after_set_model(state *s, int rc, bool failed)
{
    after_model(s, rc, failed, run_set_model);
}
static void setup_model_file(state *s)
{
    FILE *f;
    int fd;
    const char *dir = getenv("TMPDIR");
    setup_matcher_unbuilt(s);
    snprintf(s->path, sizeof s->path, "%s/l2a-model-XXXXXX", dir && strlen(dir) < 40 ? dir : "/tmp");
    fd = mkstemp(s->path);
    f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f || fputs(custom_model, f) < 0 || fclose(f) != 0) {
        fprintf(stderr, "cannot write %s\n", s->path);
        exit(EXIT_FAILURE);
    }
}
static int run_load_model(state *s)
{
    return l2a_matcher_load_model(s->m, s->path);
}
static void after_load_model(state *s, int rc, bool failed)
{
    after_model(s, rc, failed, run_load_model);
}

/* Snapshots: save a built matcher, load one into a new matcher */
static void temp_path(state *s, const char *what)
{
    const char *dir = getenv("TMPDIR");
    int fd;
    snprintf(s->path, sizeof s->path, "%s/l2a-%s-XXXXXX", dir && strlen(dir) < 40 ? dir : "/tmp", what);
    fd = mkstemp(s->path);
    if (fd < 0) {
        fprintf(stderr, "cannot create %s\n", s->path);
        exit(EXIT_FAILURE);
    }
    close(fd);
}
/* Saving goes to a folder of its own, so that what a failed save leaves is visible. */
static void setup_save_snapshot(state *s)
{
    const char *dir = getenv("TMPDIR");
    s->m = new_matcher(N_ACCOUNTS, true);
    snprintf(s->dir, sizeof s->dir, "%s/l2a-dir-XXXXXX", dir && strlen(dir) < 40 ? dir : "/tmp");
    if (!mkdtemp(s->dir)) {
        fprintf(stderr, "cannot create %s\n", s->dir);
        exit(EXIT_FAILURE);
    }
    snprintf(s->path, sizeof s->path, "%s/matcher.snap", s->dir);
}
static size_t files_in(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;
    if (!d)
        return (size_t)-1;
    while ((e = readdir(d)) != NULL)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}
static int run_save_snapshot(state *s)
{
    return l2a_matcher_save_snapshot(s->m, s->path);
}
static void check_snapshot_file(state *s)
{
    l2a_matcher *loaded;
    MUST(l2a_matcher_new(&loaded));
    CHECK(l2a_matcher_load_snapshot(loaded, s->path) == L2A_OK);
    CHECK(l2a_matcher_account_count(loaded) == N_ACCOUNTS);
    check_all_answers(loaded);
    l2a_matcher_free(loaded);
}
static void after_save_snapshot(state *s, int rc, bool failed)
{
    check_rc(rc, failed);
    if (rc != L2A_OK) {
        /* Nothing written: no snapshot, no temporary file. */
        CHECK(files_in(s->dir) == 0);
        CHECK(run_save_snapshot(s) == L2A_OK);
    }
    CHECK(files_in(s->dir) == 1);
    check_snapshot_file(s);
    check_all_answers(s->m);
}
static void setup_load_snapshot(state *s)
{
    l2a_matcher *built = new_matcher(N_ACCOUNTS, true);
    temp_path(s, "snap");
    MUST(l2a_matcher_save_snapshot(built, s->path));
    l2a_matcher_free(built);
    MUST(l2a_matcher_new(&s->m));
}
static int run_load_snapshot(state *s)
{
    return l2a_matcher_load_snapshot(s->m, s->path);
}
static void after_load_snapshot(state *s, int rc, bool failed)
{
    check_rc(rc, failed);
    if (rc != L2A_OK) {
        /* Refused: the matcher is as new. */
        CHECK(l2a_matcher_account_count(s->m) == 0);
        CHECK(run_load_snapshot(s) == L2A_OK);
    }
    CHECK(l2a_matcher_account_count(s->m) == N_ACCOUNTS);
    check_all_answers(s->m);
}

/* The debugging helpers */
static const char *const helper_input[] = {"Société Générale S.A.", "ACME Holdings, Inc.",
                                           "Jane <jane@EMEA.Bücher.co.uk>", "https://www.例え.jp/x"};
static const char *const helper_output[] = {"societe generale", "acme holdings", "xn--bcher-kva.co.uk",
                                            "xn--r8jz45g.jp"};

static void setup_helper(state *s)
{
    s->m = new_matcher(0, false);
}
static int run_helper(state *s)
{
    if (s->k < 2)
        return l2a_normalize_name(s->m, helper_input[s->k], L2A_NTS, s->out, sizeof s->out, &s->out_len);
    return l2a_registrable_domain(s->m, helper_input[s->k], L2A_NTS, s->out, sizeof s->out, &s->out_len);
}
static void after_helper(state *s, int rc, bool failed)
{
    check_rc(rc, failed);
    if (rc != L2A_OK)
        CHECK(run_helper(s) == L2A_OK);
    CHECK(strcmp(s->out, helper_output[s->k]) == 0);
    CHECK(s->out_len == strlen(helper_output[s->k]));
}

/* ---- the loop ---- */

typedef struct stats {
    size_t calls;       /* scenario runs */
    size_t injected;    /* failures injected */
    size_t max_allocs;  /* the most allocations one call made */
} stats;

static void run_scenario(const scenario *sc, unsigned k, stats *st)
{
    int mode;
    for (mode = 0; mode < 2; mode++) {
        bool sticky = mode == 1;
        size_t n;
        for (n = 1;; n++) {
            state s;
            long live_before = l2a_alloc_inject_live();
            size_t made, failed;
            int rc;

            memset(&s, 0, sizeof s);
            s.k = k;
            cur_name = sc->name;
            cur_n = n;
            cur_sticky = sticky;
            sc->setup(&s);
            l2a_alloc_inject_arm(n, sticky);
            rc = sc->run(&s);
            l2a_alloc_inject_disarm();
            made = l2a_alloc_inject_count();
            failed = l2a_alloc_inject_failures();
            sc->after(&s, rc, failed > 0);
            teardown(&s);
            if (l2a_alloc_inject_live() != live_before)
                fail(sc->name, n, sticky, "leak: %ld blocks not freed",
                     l2a_alloc_inject_live() - live_before);
            st->calls++;
            st->injected += failed;
            if (failed == 0) {
                /* The call made fewer than n allocations: every one has failed once. */
                if (made > st->max_allocs)
                    st->max_allocs = made;
                break;
            }
            if (n > 200000) {
                fail(sc->name, n, sticky, "does not terminate");
                break;
            }
        }
    }
}

int main(void)
{
    static const scenario scenarios[] = {
        {"l2a_matcher_new", setup_nothing, run_matcher_new, after_matcher_new},
        {"l2a_record_new", setup_nothing, run_record_new, after_record_new},
        {"l2a_result_new", setup_nothing, run_result_new, after_result_new},
        {"l2a_record_set", setup_record, run_record_set, after_record_set},
        {"l2a_record_add", setup_record, run_record_add, after_record_add},
        {"l2a_matcher_add_account", setup_add_account, run_add_account, after_add_account},
        {"l2a_matcher_add_freemail", setup_matcher_unbuilt, run_add_freemail, after_add_freemail},
        {"l2a_matcher_build", setup_matcher_unbuilt, run_build, after_build},
        {"l2a_matcher_remove_account", setup_batch, run_remove, after_remove},
        {"l2a_matcher_build (changes)", setup_staged, run_build, after_build_changes},
        {"l2a_matcher_compact", setup_compact, run_compact, after_compact},
        {"l2a_match_batch", setup_batch_results, run_batch, after_batch},
        {"l2a_match (cold)", setup_match_cold, run_match, after_match},
        {"l2a_match (warm)", setup_match_warm, run_match, after_match},
        {"l2a_matcher_set_model", setup_matcher_unbuilt, run_set_model, after_set_model},
        {"l2a_matcher_load_model", setup_model_file, run_load_model, after_load_model},
        {"l2a_matcher_save_snapshot", setup_save_snapshot, run_save_snapshot, after_save_snapshot},
        {"l2a_matcher_load_snapshot", setup_load_snapshot, run_load_snapshot, after_load_snapshot},
        {"helpers", setup_helper, run_helper, after_helper},
    };
    size_t i;
    unsigned k;
    stats total = {0, 0, 0};

    /* The injector must work, or every scenario below passes vacuously. */
    {
        l2a_record *rec = NULL;
        l2a_alloc_inject_arm(1, false);
        if (l2a_record_new(&rec) != L2A_ERR_NOMEM || rec != NULL || l2a_alloc_inject_failures() != 1) {
            fprintf(stderr, "the allocation-failure injector is not in effect\n");
            return EXIT_FAILURE;
        }
        l2a_alloc_inject_disarm();
    }

    compute_expected();
    for (i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
        const scenario *sc = &scenarios[i];
        unsigned variants = sc->run == run_match ? N_PERSONS : sc->run == run_helper ? 4 : 1;
        stats st = {0, 0, 0};
        int before = failures;
        for (k = 0; k < variants; k++)
            run_scenario(sc, k, &st);
        printf("%-26s %s: %zu runs, %zu failures injected, up to %zu allocations per call\n",
               sc->name, failures == before ? "ok" : "FAILED", st.calls, st.injected, st.max_allocs);
        total.calls += st.calls;
        total.injected += st.injected;
    }
    printf("%zu runs, %zu injected failures, %d problems\n", total.calls, total.injected, failures);
    return failures ? EXIT_FAILURE : EXIT_SUCCESS;
}
