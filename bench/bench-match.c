/* SPDX-License-Identifier: MIT */
/*
 * bench-match: how fast libl2a builds and matches, and how often the right
 * account is among the candidates. Uses nothing but l2a.h.
 *
 *   bench-match (--accounts ACCOUNTS.csv | --index SNAPSHOT) --persons PERSONS.csv [--truth TRUTH.csv]
 *               [--threads N] [--latency-sample N] [--max-candidates K] [--limit N]
 *               [--misses FILE] [--snapshot FILE]
 *
 * Phases, each timed on its own:
 *   load      reading the accounts CSV and filling records (the host's work);
 *   add       l2a_matcher_add_account() for every account (validation and
 *             normalization of names, domains and places);
 *   build     l2a_matcher_build() alone (sorting, domain map, name map,
 *             trigram index);
 * then, after the build, the peak resident set (getrusage ru_maxrss), and
 * on the persons:
 *   one thread  every person matched once, in file order; the wall time
 *             includes filling each person's record, as a host must;
 *   N threads   the same, split over N threads (one record and one result
 *             per thread) through a shared counter;
 *   latency   per-person l2a_match() time on one thread over the first
 *             --latency-sample persons: median, p90, p99, p99.9, max;
 *   quality   with the threshold at 0: for each known person with a truth
 *             account, whether it is the best candidate (top-1) and whether
 *             it is anywhere among l2a_result_candidate_id() (candidate
 *             recall); per recipe too. At the model's default threshold:
 *             precision and recall of "matched" decisions.
 *   snapshot  with --snapshot FILE, when the library has snapshots: the
 *             built matcher is saved there and loaded five times, each
 *             time into a new matcher (the median open
 *             time and the fastest, with the file in the page cache), and
 *             the first persons are matched on both to check that the
 *             answers are the same. The file is left in place.
 * The report is one JSON object on stdout; progress goes to stderr.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "csv-lite.h"
#include "l2a.h"

typedef struct column_map {
    const char *name;
    int field;
    int multi;
} column_map;

/* The CLI contract's columns (and the XDM aliases) that the matcher reads. */
static const column_map account_columns[] = {
    {"account_id", L2A_FIELD_ID, 0},
    {"b2b.accountKey.sourceKey", L2A_FIELD_ID, 0},
    {"name", L2A_FIELD_COMPANY_NAME, 0},
    {"b2b.accountName", L2A_FIELD_COMPANY_NAME, 0},
    {"aliases", L2A_FIELD_ALIAS, 1},
    {"website", L2A_FIELD_WEBSITE, 0},
    {"domains", L2A_FIELD_DOMAIN, 1},
    {"country", L2A_FIELD_COUNTRY, 0},
    {"region", L2A_FIELD_REGION, 0},
    {"city", L2A_FIELD_CITY, 0},
    {"postal_code", L2A_FIELD_POSTAL_CODE, 0},
    {"phone", L2A_FIELD_PHONE, 0},
    {"parent_id", L2A_FIELD_PARENT_ID, 0},
    {"industry", L2A_FIELD_INDUSTRY, 0},
};
static const column_map person_columns[] = {
    {"person_id", L2A_FIELD_ID, 0},
    {"b2b.personKey.sourceKey", L2A_FIELD_ID, 0},
    {"email", L2A_FIELD_EMAIL, 0},
    {"workEmail.address", L2A_FIELD_EMAIL, 0},
    {"company_name", L2A_FIELD_COMPANY_NAME, 0},
    {"b2b.companyName", L2A_FIELD_COMPANY_NAME, 0},
    {"company_website", L2A_FIELD_WEBSITE, 0},
    {"b2b.companyWebsite", L2A_FIELD_WEBSITE, 0},
    {"phone", L2A_FIELD_PHONE, 0},
    {"country", L2A_FIELD_COUNTRY, 0},
    {"region", L2A_FIELD_REGION, 0},
    {"city", L2A_FIELD_CITY, 0},
    {"account_ids", L2A_FIELD_ACCOUNT_IDS, 1},
};
#define N_ACCOUNT_COLUMNS (sizeof account_columns / sizeof account_columns[0])
#define N_PERSON_COLUMNS (sizeof person_columns / sizeof person_columns[0])

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "bench-match: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        die("out of memory", NULL);
    return q;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of the calling thread: robust when other processes share the cores. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double process_cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The 1-minute load average, or -1 where /proc is not there. */
static double load_average(void)
{
    FILE *f = fopen("/proc/loadavg", "r");
    double v = -1.0;

    if (!f)
        return -1.0;
    if (fscanf(f, "%lf", &v) != 1)
        v = -1.0;
    fclose(f);
    return v;
}

static double peak_rss_mb(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1.0;
    return (double)ru.ru_maxrss / 1024.0; /* kilobytes on Linux */
}

static double current_rss_mb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long size = 0, resident = 0;
    long page = sysconf(_SC_PAGESIZE);

    if (!f)
        return -1.0;
    if (fscanf(f, "%lu %lu", &size, &resident) != 2)
        resident = 0;
    fclose(f);
    return (double)resident * (double)(page > 0 ? page : 4096) / (1024.0 * 1024.0);
}

/* Fills one field from a cell; multi-valued cells hold values separated by '|'. */
static int set_cell(l2a_record *rec, const column_map *col, const char *v)
{
    int rc = L2A_OK;

    if (!*v)
        return L2A_OK;
    if (!col->multi)
        return l2a_record_set(rec, col->field, v, L2A_NTS);
    while (*v && rc == L2A_OK) {
        const char *bar = strchr(v, '|');
        size_t len = bar ? (size_t)(bar - v) : strlen(v);
        rc = l2a_record_add(rec, col->field, v, len);
        v += len + (bar != NULL);
    }
    return rc;
}

/* ---- persons, kept as strings so that each thread fills its own record ---- */

typedef struct persons {
    size_t n, cap;
    size_t *cells;    /* n * N_PERSON_COLUMNS offsets into text; 0 = empty */
    char *text;
    size_t len, cap_text;
    int col_index[N_PERSON_COLUMNS]; /* column of the CSV, -1 when absent */
} persons;

static size_t persons_intern(persons *p, const char *s)
{
    size_t n = strlen(s) + 1, off;

    if (n == 1)
        return 0;
    if (p->len + n > p->cap_text) {
        size_t cap = p->cap_text ? p->cap_text : 1 << 20;
        while (cap < p->len + n)
            cap *= 2;
        p->text = xrealloc(p->text, cap);
        p->cap_text = cap;
    }
    off = p->len;
    memcpy(p->text + off, s, n);
    p->len += n;
    return off;
}

static void persons_load(persons *p, const char *path, size_t limit)
{
    csv_lite csv;
    size_t i;

    memset(p, 0, sizeof *p);
    if (csv_lite_open(&csv, path) != 0)
        die("cannot read the persons file", path);
    for (i = 0; i < N_PERSON_COLUMNS; i++)
        p->col_index[i] = csv_lite_column(&csv, person_columns[i].name);
    persons_intern(p, "\1"); /* offset 0 means "empty" */
    while (p->n < limit && csv_lite_next(&csv)) {
        if (p->n == p->cap) {
            p->cap = p->cap ? p->cap * 2 : 4096;
            p->cells = xrealloc(p->cells, p->cap * N_PERSON_COLUMNS * sizeof *p->cells);
        }
        for (i = 0; i < N_PERSON_COLUMNS; i++)
            p->cells[p->n * N_PERSON_COLUMNS + i] = persons_intern(p, csv_lite_field(&csv, p->col_index[i]));
        p->n++;
    }
    csv_lite_close(&csv);
}

static const char *person_cell(const persons *p, size_t row, size_t col)
{
    size_t off = p->cells[row * N_PERSON_COLUMNS + col];
    return off ? p->text + off : "";
}

static int person_fill(const persons *p, size_t row, l2a_record *rec)
{
    size_t i;
    int rc = L2A_OK;

    l2a_record_clear(rec);
    for (i = 0; i < N_PERSON_COLUMNS && rc == L2A_OK; i++)
        if (p->col_index[i] >= 0)
            rc = set_cell(rec, &person_columns[i], person_cell(p, row, i));
    return rc;
}

static const char *person_id(const persons *p, size_t row)
{
    const char *id = person_cell(p, row, 0);
    return *id ? id : person_cell(p, row, 1);
}

/* ---- truth: person id -> (account id, recipe) ---- */

typedef struct truth_entry {
    char *person;
    char *account; /* "" when no account is right */
    int recipe;    /* index in labels */
    int name_op;   /* index in labels: how the company name was written */
} truth_entry;

typedef struct truth {
    truth_entry *entries;
    size_t n, cap;
    size_t *slots; /* open addressing: entry index + 1, 0 = free */
    size_t n_slots;
    char **labels; /* recipe and name_op names */
    size_t n_labels;
} truth;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211u;
    return h;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = xrealloc(NULL, n);
    memcpy(d, s, n);
    return d;
}

static int label_index(truth *t, const char *name)
{
    size_t i;

    if (!*name)
        name = "(none)";
    for (i = 0; i < t->n_labels; i++)
        if (strcmp(t->labels[i], name) == 0)
            return (int)i;
    t->labels = xrealloc(t->labels, (t->n_labels + 1) * sizeof *t->labels);
    t->labels[t->n_labels] = xstrdup(name);
    return (int)t->n_labels++;
}

static void truth_load(truth *t, const char *path)
{
    csv_lite csv;
    int c_person, c_account, c_recipe, c_op;
    size_t i;

    memset(t, 0, sizeof *t);
    if (csv_lite_open(&csv, path) != 0)
        die("cannot read the truth file", path);
    c_person = csv_lite_column(&csv, "person_id");
    c_account = csv_lite_column(&csv, "account_id");
    c_recipe = csv_lite_column(&csv, "recipe");
    c_op = csv_lite_column(&csv, "name_op");
    if (c_person < 0 || c_account < 0)
        die("the truth file needs person_id and account_id columns", path);
    while (csv_lite_next(&csv)) {
        truth_entry *e;
        if (t->n == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 4096;
            t->entries = xrealloc(t->entries, t->cap * sizeof *t->entries);
        }
        e = &t->entries[t->n++];
        e->person = xstrdup(csv_lite_field(&csv, c_person));
        e->account = xstrdup(csv_lite_field(&csv, c_account));
        e->recipe = label_index(t, c_recipe >= 0 ? csv_lite_field(&csv, c_recipe) : "");
        e->name_op = label_index(t, c_op >= 0 ? csv_lite_field(&csv, c_op) : "");
    }
    csv_lite_close(&csv);
    t->n_slots = 16;
    while (t->n_slots < t->n * 2)
        t->n_slots *= 2;
    t->slots = calloc(t->n_slots, sizeof *t->slots);
    if (!t->slots)
        die("out of memory", NULL);
    for (i = 0; i < t->n; i++) {
        size_t h = (size_t)hash_str(t->entries[i].person) & (t->n_slots - 1);
        while (t->slots[h])
            h = (h + 1) & (t->n_slots - 1);
        t->slots[h] = i + 1;
    }
}

static const truth_entry *truth_find(const truth *t, const char *person)
{
    size_t h;

    if (!t->n_slots)
        return NULL;
    h = (size_t)hash_str(person) & (t->n_slots - 1);
    while (t->slots[h]) {
        const truth_entry *e = &t->entries[t->slots[h] - 1];
        if (strcmp(e->person, person) == 0)
            return e;
        h = (h + 1) & (t->n_slots - 1);
    }
    return NULL;
}

/* ---- accounts ---- */

typedef struct load_stats {
    size_t n;
    double read_s;  /* CSV parsing and record filling */
    double add_s;   /* l2a_matcher_add_account() */
    double cpu_s;   /* CPU time of both together */
} load_stats;

static void load_accounts(l2a_matcher *m, const char *path, load_stats *st)
{
    csv_lite csv;
    l2a_record *rec = NULL;
    int cols[N_ACCOUNT_COLUMNS];
    double t0 = now(), c0 = process_cpu_now(), t_add = 0.0;
    size_t i;
    int rc;

    if (csv_lite_open(&csv, path) != 0)
        die("cannot read the accounts file", path);
    for (i = 0; i < N_ACCOUNT_COLUMNS; i++)
        cols[i] = csv_lite_column(&csv, account_columns[i].name);
    if (cols[0] < 0 && cols[1] < 0)
        die("the accounts file has no account_id column", path);
    if (l2a_record_new(&rec) != L2A_OK)
        die("out of memory", NULL);
    st->n = 0;
    while (csv_lite_next(&csv)) {
        double t1;
        l2a_record_clear(rec);
        for (i = 0; i < N_ACCOUNT_COLUMNS; i++) {
            if (cols[i] < 0)
                continue;
            if ((rc = set_cell(rec, &account_columns[i], csv_lite_field(&csv, cols[i]))) != L2A_OK)
                die("an account cell was refused", l2a_record_errmsg(rec));
        }
        t1 = now(); /* CLOCK_MONOTONIC: cheap; a CPU clock here would be a system call per account */
        rc = l2a_matcher_add_account(m, rec);
        t_add += now() - t1;
        if (rc != L2A_OK)
            die("l2a_matcher_add_account failed", l2a_matcher_errmsg(m));
        st->n++;
        if (st->n % 500000 == 0)
            fprintf(stderr, "bench-match: %zu accounts added\n", st->n);
    }
    csv_lite_close(&csv);
    l2a_record_free(rec);
    st->add_s = t_add;
    st->cpu_s = process_cpu_now() - c0;
    st->read_s = now() - t0 - t_add;
}

/* ---- matching ---- */

typedef struct shared_run {
    const l2a_matcher *m;
    const persons *p;
    atomic_size_t next;
    atomic_int failed;
} shared_run;

#define CHUNK 64

static void *match_worker(void *arg)
{
    shared_run *run = arg;
    l2a_record *rec = NULL;
    l2a_result *res = NULL;

    if (l2a_record_new(&rec) != L2A_OK || l2a_result_new(&res) != L2A_OK) {
        atomic_store(&run->failed, 1);
        goto out;
    }
    for (;;) {
        size_t start = atomic_fetch_add(&run->next, CHUNK), i, end;
        if (start >= run->p->n)
            break;
        end = start + CHUNK < run->p->n ? start + CHUNK : run->p->n;
        for (i = start; i < end; i++)
            if (person_fill(run->p, i, rec) != L2A_OK || l2a_match(run->m, rec, res) != L2A_OK)
                atomic_store(&run->failed, 1);
    }
out:
    l2a_result_free(res);
    l2a_record_free(rec);
    return NULL;
}

/* Wall seconds to match every person once on n_threads threads. */
static double run_threads(const l2a_matcher *m, const persons *p, int n_threads, double *cpu_out)
{
    pthread_t *tids = xrealloc(NULL, (size_t)n_threads * sizeof *tids);
    shared_run run;
    double t0, t;
    int i;

    run.m = m;
    run.p = p;
    atomic_init(&run.next, 0);
    atomic_init(&run.failed, 0);
    *cpu_out = process_cpu_now();
    t0 = now();
    for (i = 0; i < n_threads; i++)
        if (pthread_create(&tids[i], NULL, match_worker, &run) != 0)
            die("pthread_create failed", strerror(errno));
    for (i = 0; i < n_threads; i++)
        pthread_join(tids[i], NULL);
    t = now() - t0;
    *cpu_out = process_cpu_now() - *cpu_out;
    free(tids);
    if (atomic_load(&run.failed))
        die("a match failed in a worker thread", NULL);
    return t;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double quantile(const double *sorted, size_t n, double q)
{
    size_t i;
    if (n == 0)
        return 0.0;
    i = (size_t)(q * (double)(n - 1) + 0.5);
    return sorted[i < n ? i : n - 1];
}

typedef struct recipe_stats {
    size_t n;        /* known persons with a truth account */
    size_t top1;     /* right account is the best candidate */
    size_t recalled; /* right account is among the candidates */
    size_t negatives, false_matches; /* known persons with no right account; matched anyway */
} recipe_stats;

static void json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

typedef struct snapshot_stats {
    int done;
    double save_s, open_s, open_min_s, first_s;
    double bytes;
    size_t checked, identical;
} snapshot_stats;

/* Opens of the saved snapshot, each into a new matcher; the median is reported. */
#define SNAPSHOT_OPENS 5

#ifdef L2A_BENCH_HAVE_SNAPSHOT
/* Save, reopen, and compare the answers of the two matchers on the first persons. */
static void bench_snapshot(const l2a_matcher *m, const persons *p, const char *path, snapshot_stats *st)
{
    l2a_matcher *m2 = NULL;
    l2a_record *rec = NULL;
    l2a_result *r1 = NULL, *r2 = NULL;
    struct stat sb;
    double t0;
    size_t i, n = p->n < 1000 ? p->n : 1000;
    double opens[SNAPSHOT_OPENS];

    t0 = now();
    if (l2a_matcher_save_snapshot(m, path) != L2A_OK)
        die("l2a_matcher_save_snapshot failed", l2a_matcher_errmsg(m));
    st->save_s = now() - t0;
    st->bytes = stat(path, &sb) == 0 ? (double)sb.st_size : -1.0;
    if (l2a_record_new(&rec) != L2A_OK || l2a_result_new(&r1) != L2A_OK || l2a_result_new(&r2) != L2A_OK)
        die("out of memory", NULL);
    /* One open can meet a busy core or the write-back of the save: the median of several. */
    for (i = 0; i < SNAPSHOT_OPENS; i++) {
        l2a_matcher_free(m2);
        if (l2a_matcher_new(&m2) != L2A_OK)
            die("out of memory", NULL);
        t0 = now();
        if (l2a_matcher_load_snapshot(m2, path) != L2A_OK)
            die("l2a_matcher_load_snapshot failed", l2a_matcher_errmsg(m2));
        opens[i] = now() - t0;
    }
    qsort(opens, SNAPSHOT_OPENS, sizeof *opens, compare_doubles);
    st->open_s = opens[SNAPSHOT_OPENS / 2];
    st->open_min_s = opens[0];
    /* The first persons on the fresh matcher: this is where its pages come in. */
    t0 = now();
    for (i = 0; i < n; i++)
        if (person_fill(p, i, rec) != L2A_OK || l2a_match(m2, rec, r2) != L2A_OK)
            die("match on the loaded snapshot failed", l2a_result_errmsg(r2));
    st->first_s = now() - t0;
    for (i = 0; i < n; i++) {
        const char *a, *b;
        if (person_fill(p, i, rec) != L2A_OK || l2a_match(m, rec, r1) != L2A_OK || l2a_match(m2, rec, r2) != L2A_OK)
            die("match failed", l2a_result_errmsg(r1));
        a = l2a_result_account_id(r1);
        b = l2a_result_account_id(r2);
        st->checked++;
        st->identical += l2a_result_status(r1) == l2a_result_status(r2) &&
                         l2a_result_score(r1) == l2a_result_score(r2) &&
                         ((!a && !b) || (a && b && strcmp(a, b) == 0));
    }
    st->done = 1;
    l2a_result_free(r2);
    l2a_result_free(r1);
    l2a_record_free(rec);
    l2a_matcher_free(m2);
}
#endif

/* --index: a saved matcher instead of the accounts; the open stands in for the add and build. */
static void open_index(l2a_matcher *m, const char *path, load_stats *st, double *open_s)
{
#ifdef L2A_BENCH_HAVE_SNAPSHOT
    double t0 = now();

    if (l2a_matcher_load_snapshot(m, path) != L2A_OK)
        die("l2a_matcher_load_snapshot failed", l2a_matcher_errmsg(m));
    *open_s = now() - t0;
    memset(st, 0, sizeof *st);
    st->n = l2a_matcher_account_count(m);
    fprintf(stderr, "bench-match: %zu accounts opened from %s in %.1f ms\n", st->n, path, *open_s * 1e3);
#else
    (void)m;
    (void)st;
    (void)open_s;
    die("this libl2a has no snapshots: --index needs them", path);
#endif
}

static void usage(int status)
{
    fprintf(status ? stderr : stdout,
            "usage: bench-match (--accounts FILE | --index SNAPSHOT) --persons FILE [--truth FILE]\n"
            "                   [--threads N]\n"
            "                   [--latency-sample N] [--max-candidates K] [--limit N]\n"
            "                   [--misses FILE] [--snapshot FILE]\n"
            "  --threads N       threads for the multi-thread pass (default: online processors)\n"
            "  --latency-sample N  persons timed one call at a time (default 10000)\n"
            "  --max-candidates K  name candidates per person (the library's parameter)\n"
            "  --limit N         use only the first N persons of the file\n"
            "  --misses FILE     write the known persons whose right account is not the best candidate\n"
            "  --snapshot FILE   save the built matcher there and time loading it back\n"
            "  --index SNAPSHOT  match against a saved matcher instead of reading and building\n"
            "                    the accounts (build figures are then the open)\n");
    exit(status);
}

static long parse_long(const char *s, long lo, long hi, const char *what)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        die("bad number for", what);
    return v;
}

int main(int argc, char **argv)
{
    const char *accounts_path = NULL, *persons_path = NULL, *truth_path = NULL, *misses_path = NULL;
    const char *snapshot_path = NULL, *index_path = NULL;
    snapshot_stats snap;
    FILE *misses = NULL;
    long n_threads = 0, latency_sample = 10000, max_candidates = 0, limit = LONG_MAX;
    l2a_matcher *m = NULL;
    l2a_record *rec = NULL;
    l2a_result *res = NULL;
    load_stats ls;
    persons p;
    truth t;
    const truth_entry **row_truth;
    double t0, c0, build_s, build_cpu, rss_built_peak, rss_built_now, rss_start, one_s, one_cpu, many_s = 0.0;
    double many_cpu = 0.0, default_threshold = 0.0, load_start, load_end;
    double *lat = NULL, *lat_cpu = NULL, lat_sum = 0.0, lat_cpu_sum = 0.0, cand_sum = 0.0;
    size_t i, n_lat, n_known = 0, n_eval = 0;
    size_t status_counts[8] = {0};
    size_t tp = 0, fp = 0, fn = 0;
    recipe_stats total, *by_recipe = NULL, *by_op = NULL;
    int a;

    for (a = 1; a < argc; a++) {
        const char *arg = argv[a];
        const char *val = a + 1 < argc ? argv[a + 1] : NULL;
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
            usage(0);
        if (!val)
            usage(2);
        if (strcmp(arg, "--accounts") == 0)
            accounts_path = val;
        else if (strcmp(arg, "--persons") == 0)
            persons_path = val;
        else if (strcmp(arg, "--truth") == 0)
            truth_path = val;
        else if (strcmp(arg, "--threads") == 0)
            n_threads = parse_long(val, 1, 1024, "--threads");
        else if (strcmp(arg, "--latency-sample") == 0)
            latency_sample = parse_long(val, 0, LONG_MAX / 2, "--latency-sample");
        else if (strcmp(arg, "--misses") == 0)
            misses_path = val;
        else if (strcmp(arg, "--snapshot") == 0)
            snapshot_path = val;
        else if (strcmp(arg, "--index") == 0)
            index_path = val;
        else if (strcmp(arg, "--limit") == 0)
            limit = parse_long(val, 1, LONG_MAX, "--limit");
        else if (strcmp(arg, "--max-candidates") == 0)
            max_candidates = parse_long(val, 1, 256, "--max-candidates");
        else
            usage(2);
        a++;
    }
    if ((!accounts_path == !index_path) || !persons_path)
        usage(2);
    if (n_threads == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        n_threads = cpus > 0 ? cpus : 1;
    }

    load_start = load_average();
    rss_start = current_rss_mb();
    if (l2a_matcher_new(&m) != L2A_OK)
        die("l2a_matcher_new failed", NULL);
    if (max_candidates && l2a_matcher_set_param(m, L2A_PARAM_MAX_CANDIDATES, (double)max_candidates) != L2A_OK)
        die("cannot set --max-candidates", l2a_matcher_errmsg(m));
    if (index_path) {
        open_index(m, index_path, &ls, &build_s);
        build_cpu = build_s;
        /* A snapshot brings its own parameters: --max-candidates goes over them. */
        if (max_candidates &&
            l2a_matcher_set_param(m, L2A_PARAM_MAX_CANDIDATES, (double)max_candidates) != L2A_OK)
            die("cannot set --max-candidates", l2a_matcher_errmsg(m));
    } else {
        load_accounts(m, accounts_path, &ls);
        fprintf(stderr, "bench-match: %zu accounts read in %.2f s + added in %.2f s\n", ls.n, ls.read_s, ls.add_s);
        t0 = now();
        c0 = process_cpu_now();
        if (l2a_matcher_build(m) != L2A_OK)
            die("l2a_matcher_build failed", l2a_matcher_errmsg(m));
        build_cpu = process_cpu_now() - c0;
        build_s = now() - t0;
    }
    rss_built_peak = peak_rss_mb();
    rss_built_now = current_rss_mb();
    fprintf(stderr, "bench-match: built in %.2f s, peak RSS %.0f MB\n", build_s, rss_built_peak);
    if (l2a_matcher_get_param(m, L2A_PARAM_THRESHOLD, &default_threshold) != L2A_OK)
        die("cannot read the threshold", NULL);

    persons_load(&p, persons_path, (size_t)limit);
    if (p.col_index[0] < 0 && p.col_index[1] < 0)
        die("the persons file has no person_id column", persons_path);
    memset(&t, 0, sizeof t);
    if (truth_path)
        truth_load(&t, truth_path);
    if (l2a_record_new(&rec) != L2A_OK || l2a_result_new(&res) != L2A_OK)
        die("out of memory", NULL);

    memset(&snap, 0, sizeof snap);
#ifdef L2A_BENCH_HAVE_SNAPSHOT
    if (snapshot_path) {
        bench_snapshot(m, &p, snapshot_path, &snap);
        fprintf(stderr, "bench-match: snapshot saved in %.2f s, opened in %.1f ms\n", snap.save_s,
                snap.open_s * 1e3);
    }
#else
    if (snapshot_path)
        fprintf(stderr, "bench-match: this libl2a has no snapshots; --snapshot ignored\n");
#endif

    /* Each person's truth, found before the timing: the bench's own lookups are not the library's time. */
    row_truth = xrealloc(NULL, (p.n ? p.n : 1) * sizeof *row_truth);
    for (i = 0; i < p.n; i++)
        row_truth[i] = truth_path ? truth_find(&t, person_id(&p, i)) : NULL;

    /* Warm-up: the first persons, so that the timed passes start warm. */
    for (i = 0; i < p.n && i < 2000; i++)
        if (person_fill(&p, i, rec) != L2A_OK || l2a_match(m, rec, res) != L2A_OK)
            die("match failed", l2a_result_errmsg(res));

    /* One thread, default threshold: throughput, decisions. */
    memset(&total, 0, sizeof total);
    by_recipe = calloc(t.n_labels + 1, sizeof *by_recipe);
    by_op = calloc(t.n_labels + 1, sizeof *by_op);
    if (!by_recipe || !by_op)
        die("out of memory", NULL);
    t0 = now();
    c0 = cpu_now();
    for (i = 0; i < p.n; i++) {
        if (person_fill(&p, i, rec) != L2A_OK)
            die("a person cell was refused", l2a_record_errmsg(rec));
        if (l2a_match(m, rec, res) != L2A_OK)
            die("match failed", l2a_result_errmsg(res));
        status_counts[l2a_result_status(res) & 7]++;
        if (truth_path && l2a_result_person_class(res) == L2A_CLASS_KNOWN) {
            const truth_entry *e = row_truth[i];
            const char *got = l2a_result_status(res) == L2A_STATUS_MATCHED ? l2a_result_account_id(res) : NULL;
            int right = got && e && *e->account && strcmp(got, e->account) == 0;
            if (!e)
                continue;
            tp += (size_t)right;
            fp += (size_t)(got && !right);
            fn += (size_t)(*e->account && !right);
            if (!*e->account) {
                by_recipe[e->recipe].negatives++;
                by_recipe[e->recipe].false_matches += got != NULL;
                total.negatives++;
                total.false_matches += got != NULL;
            }
        }
    }
    one_s = now() - t0;
    one_cpu = cpu_now() - c0;
    fprintf(stderr, "bench-match: %zu persons on 1 thread in %.2f s\n", p.n, one_s);

    if (n_threads > 1) {
        many_s = run_threads(m, &p, (int)n_threads, &many_cpu);
        fprintf(stderr, "bench-match: %zu persons on %ld threads in %.2f s\n", p.n, n_threads, many_s);
    }

    /* Latency of l2a_match() alone, one thread. */
    n_lat = (size_t)latency_sample < p.n ? (size_t)latency_sample : p.n;
    lat = xrealloc(NULL, (n_lat ? n_lat : 1) * sizeof *lat);
    lat_cpu = xrealloc(NULL, (n_lat ? n_lat : 1) * sizeof *lat_cpu);
    for (i = 0; i < n_lat; i++) {
        double t1, c1;
        if (person_fill(&p, i, rec) != L2A_OK)
            die("a person cell was refused", l2a_record_errmsg(rec));
        c1 = cpu_now();
        t1 = now();
        if (l2a_match(m, rec, res) != L2A_OK)
            die("match failed", l2a_result_errmsg(res));
        lat[i] = (now() - t1) * 1e6;
        lat_cpu[i] = (cpu_now() - c1) * 1e6;
        lat_sum += lat[i];
        lat_cpu_sum += lat_cpu[i];
    }
    qsort(lat, n_lat, sizeof *lat, compare_doubles);
    qsort(lat_cpu, n_lat, sizeof *lat_cpu, compare_doubles);

    /* Quality with threshold 0: is the right account the best, or at least a candidate? */
    if (truth_path) {
        if (l2a_matcher_set_param(m, L2A_PARAM_THRESHOLD, 0.0) != L2A_OK)
            die("cannot set the threshold to 0", l2a_matcher_errmsg(m));
        if (misses_path) {
            misses = fopen(misses_path, "w");
            if (!misses)
                die("cannot write", misses_path);
            fprintf(misses, "person_id,recipe,name_op,account_id,rank,best_id,best_score,candidates\n");
        }
        for (i = 0; i < p.n; i++) {
            const truth_entry *e = row_truth[i];
            size_t c, nc;
            int found = 0, best = 0;
            long rank = -1;
            const char *id;
            if (!e || !*e->account)
                continue;
            if (person_fill(&p, i, rec) != L2A_OK || l2a_match(m, rec, res) != L2A_OK)
                die("match failed", l2a_result_errmsg(res));
            if (l2a_result_person_class(res) != L2A_CLASS_KNOWN)
                continue;
            n_known++;
            nc = l2a_result_candidate_count(res);
            cand_sum += (double)nc;
            for (c = 0; c < nc && !found; c++) {
                id = l2a_result_candidate_id(res, c);
                if (id && strcmp(id, e->account) == 0) {
                    found = 1;
                    best = c == 0;
                    rank = (long)c;
                }
            }
            if (misses && !best) {
                const char *b = l2a_result_candidate_id(res, 0);
                /* Ids and labels come from CSV cells without commas in the generated sets. */
                fprintf(misses, "%s,%s,%s,%s,%ld,%s,%.4f,%zu\n", person_id(&p, i), t.labels[e->recipe],
                        t.labels[e->name_op], e->account, rank, b ? b : "",
                        l2a_result_candidate_score(res, 0), nc);
            }
            n_eval++;
            by_op[e->name_op].n++;
            by_op[e->name_op].top1 += (size_t)best;
            by_op[e->name_op].recalled += (size_t)found;
            by_recipe[e->recipe].n++;
            by_recipe[e->recipe].top1 += (size_t)best;
            by_recipe[e->recipe].recalled += (size_t)found;
            total.n++;
            total.top1 += (size_t)best;
            total.recalled += (size_t)found;
        }
        l2a_matcher_set_param(m, L2A_PARAM_THRESHOLD, default_threshold);
        if (misses && fclose(misses) != 0)
            die("cannot write", misses_path);
    }

    load_end = load_average();

    /* Report. */
    printf("{\n  \"library_version\": ");
    json_string(l2a_version());
    printf(",\n  \"model_version\": ");
    json_string(l2a_matcher_model_version(m));
    printf(",\n  \"accounts\": %zu,\n  \"persons\": %zu,\n", ls.n, p.n);
    printf("  \"load_average_start\": %.2f,\n  \"load_average_end\": %.2f,\n", load_start, load_end);
    printf("  \"accounts_read_s\": %.3f,\n  \"accounts_add_s\": %.3f,\n  \"accounts_read_add_cpu_s\": %.3f,\n",
           ls.read_s, ls.add_s, ls.cpu_s);
    printf("  \"build_s\": %.3f,\n  \"build_cpu_s\": %.3f,\n", build_s, build_cpu);
    printf("  \"rss_start_mb\": %.1f,\n  \"rss_after_build_mb\": %.1f,\n  \"peak_rss_after_build_mb\": %.1f,\n",
           rss_start, rss_built_now, rss_built_peak);
    printf("  \"match_one_thread\": {\"seconds\": %.3f, \"persons_per_s\": %.0f, \"cpu_s\": %.3f, "
           "\"persons_per_cpu_s\": %.0f},\n",
           one_s, one_s > 0 ? (double)p.n / one_s : 0.0, one_cpu, one_cpu > 0 ? (double)p.n / one_cpu : 0.0);
    if (n_threads > 1)
        printf("  \"match_threads\": {\"threads\": %ld, \"seconds\": %.3f, \"persons_per_s\": %.0f, "
               "\"cpu_s\": %.3f},\n",
               n_threads, many_s, many_s > 0 ? (double)p.n / many_s : 0.0, many_cpu);
    printf("  \"latency_us\": {\"sample\": %zu, \"mean\": %.1f, \"median\": %.1f, \"p90\": %.1f, \"p99\": %.1f, "
           "\"p999\": %.1f, \"max\": %.1f},\n",
           n_lat, n_lat ? lat_sum / (double)n_lat : 0.0, quantile(lat, n_lat, 0.5), quantile(lat, n_lat, 0.9),
           quantile(lat, n_lat, 0.99), quantile(lat, n_lat, 0.999), n_lat ? lat[n_lat - 1] : 0.0);
    printf("  \"latency_cpu_us\": {\"sample\": %zu, \"mean\": %.1f, \"median\": %.1f, \"p90\": %.1f, \"p99\": %.1f, "
           "\"p999\": %.1f, \"max\": %.1f},\n",
           n_lat, n_lat ? lat_cpu_sum / (double)n_lat : 0.0, quantile(lat_cpu, n_lat, 0.5),
           quantile(lat_cpu, n_lat, 0.9), quantile(lat_cpu, n_lat, 0.99), quantile(lat_cpu, n_lat, 0.999),
           n_lat ? lat_cpu[n_lat - 1] : 0.0);
    if (snap.done)
        printf("  \"snapshot\": {\"save_s\": %.3f, \"open_ms\": %.2f, \"open_min_ms\": %.2f, \"opens\": %d, "
               "\"bytes\": %.0f, \"first_matches\": %zu, \"first_matches_s\": %.3f, \"identical\": %zu},\n",
               snap.save_s, snap.open_s * 1e3, snap.open_min_s * 1e3, SNAPSHOT_OPENS, snap.bytes, snap.checked,
               snap.first_s, snap.identical);
    else
        printf("  \"snapshot\": null,\n");
    printf("  \"statuses\": {");
    for (a = 1; a < 8; a++)
        printf("%s\"%s\": %zu", a > 1 ? ", " : "", l2a_status_name(a), status_counts[a]);
    printf("},\n");
    if (truth_path) {
        printf("  \"default_threshold\": %.4f,\n", default_threshold);
        printf("  \"decisions\": {\"precision\": %.4f, \"recall\": %.4f, \"tp\": %zu, \"fp\": %zu, \"fn\": %zu, "
               "\"negatives\": %zu, \"false_matches\": %zu},\n",
               tp + fp ? (double)tp / (double)(tp + fp) : 0.0, tp + fn ? (double)tp / (double)(tp + fn) : 0.0, tp,
               fp, fn, total.negatives, total.false_matches);
        printf("  \"quality\": {\"evaluated\": %zu, \"top1\": %.4f, \"candidate_recall\": %.4f, "
               "\"mean_candidates\": %.1f,\n    \"by_recipe\": {",
               n_eval, n_eval ? (double)total.top1 / (double)n_eval : 0.0,
               n_eval ? (double)total.recalled / (double)n_eval : 0.0, n_known ? cand_sum / (double)n_known : 0.0);
        {
            int first = 1;
            for (i = 0; i < t.n_labels; i++) {
                const recipe_stats *r = &by_recipe[i];
                if (!r->n && !r->negatives)
                    continue;
                printf("%s\n      ", first ? "" : ",");
                first = 0;
                json_string(t.labels[i]);
                if (r->n)
                    printf(": {\"n\": %zu, \"top1\": %.4f, \"candidate_recall\": %.4f}", r->n,
                           (double)r->top1 / (double)r->n, (double)r->recalled / (double)r->n);
                else
                    printf(": {\"negatives\": %zu, \"false_matches\": %zu}", r->negatives, r->false_matches);
            }
            printf("},\n    \"by_name_op\": {");
            first = 1;
            for (i = 0; i < t.n_labels; i++) {
                const recipe_stats *r = &by_op[i];
                if (!r->n)
                    continue;
                printf("%s\n      ", first ? "" : ",");
                first = 0;
                json_string(t.labels[i]);
                printf(": {\"n\": %zu, \"top1\": %.4f, \"candidate_recall\": %.4f}", r->n,
                       (double)r->top1 / (double)r->n, (double)r->recalled / (double)r->n);
            }
        }
        printf("}}\n");
    } else {
        printf("  \"quality\": null\n");
    }
    printf("}\n");

    free(lat);
    free(row_truth);
    free(lat_cpu);
    free(by_recipe);
    free(by_op);
    for (i = 0; i < t.n; i++) {
        free(t.entries[i].person);
        free(t.entries[i].account);
    }
    for (i = 0; i < t.n_labels; i++)
        free(t.labels[i]);
    free(t.labels);
    free(t.entries);
    free(t.slots);
    free(p.cells);
    free(p.text);
    l2a_result_free(res);
    l2a_record_free(rec);
    l2a_matcher_free(m);
    return 0;
}
