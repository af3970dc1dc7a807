/*
 * match-one: the smallest complete use of libl2a.
 *
 * SPDX-License-Identifier: MIT
 *
 *   match-one ACCOUNTS.csv [PERSON...]
 *
 * Loads the accounts of a CSV file (the columns of examples/data/accounts.csv),
 * builds a matcher, matches each PERSON and prints the decision. Without
 * PERSON arguments it matches a built-in list that shows each kind of person.
 *
 * A PERSON is a list of key=value pairs separated by ';', e.g.
 *
 *   "id=p1;email=jane@emea.acme.com;country=GB"
 *   "company=Nestle SA;country=CH"
 *   "email=jane.roe@acme.com;account_ids=acc-acme"
 *
 * Keys: id, email, company, website, first_name, last_name, title, phone,
 * country, region, city, account_ids (several ids separated by '|'). A bare
 * argument without '=' is an email when it holds '@', a company name
 * otherwise.
 *
 * Exit status: 0 when every call succeeded, 1 when a library call failed or
 * a PERSON could not be read, 2 on a usage or file error.
 *
 * The l2a command-line tool is the real CSV job; this program only shows the
 * API: l2a_matcher_new, l2a_record_*, l2a_matcher_add_account,
 * l2a_matcher_build, l2a_match and l2a_result_*.
 *
 * Build it against an installed libl2a with:
 *   cc -std=c11 -o match-one match-one.c $(pkg-config --cflags --libs l2a)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <l2a.h>

/* ---- A tiny CSV reader (RFC 4180: quoted fields, "" escapes, CRLF) ---- */

enum { MAX_COLUMNS = 64 };

struct csv_row {
    char *buf;                  /* the row's fields, each NUL-terminated */
    size_t len, cap;
    size_t start[MAX_COLUMNS];  /* offset of each field in buf */
    int count;                  /* number of fields */
};

static int row_push(struct csv_row *row, char c)
{
    if (row->len == row->cap) {
        size_t cap = row->cap ? row->cap * 2 : 256;
        char *buf = realloc(row->buf, cap);
        if (!buf)
            return -1;
        row->buf = buf;
        row->cap = cap;
    }
    row->buf[row->len++] = c;
    return 0;
}

/* Reads one row. Returns 1 for a row, 0 at the end of the file, -1 on a
 * malformed file (unterminated quote, too many columns) or out of memory. */
static int csv_read_row(FILE *f, struct csv_row *row)
{
    int in_quotes = 0;
    int c = getc(f);

    if (c == EOF)
        return 0;
    row->len = 0;
    row->count = 1;
    row->start[0] = 0;
    for (;; c = getc(f)) {
        if (in_quotes) {
            if (c == EOF)
                return -1;
            if (c == '"') {
                int next = getc(f);
                if (next != '"') {      /* closing quote */
                    in_quotes = 0;
                    ungetc(next, f);
                    continue;
                }
            }
            if (row_push(row, (char)c) < 0)
                return -1;
            continue;
        }
        if (c == '"') {
            in_quotes = 1;
        } else if (c == ',') {
            if (row_push(row, '\0') < 0 || row->count == MAX_COLUMNS)
                return -1;
            row->start[row->count++] = row->len;
        } else if (c == '\n' || c == EOF) {
            return row_push(row, '\0') < 0 ? -1 : 1;
        } else if (c != '\r') {
            if (row_push(row, (char)c) < 0)
                return -1;
        }
    }
}

static const char *csv_field(const struct csv_row *row, int i)
{
    return i < row->count ? row->buf + row->start[i] : "";
}

/* ---- Filling records ---- */

/* Column or key names, and the record field each one fills. */
struct field_name {
    const char *name;
    int field;
};

static const struct field_name account_columns[] = {
    {"account_id", L2A_FIELD_ID},         {"name", L2A_FIELD_COMPANY_NAME},
    {"aliases", L2A_FIELD_ALIAS},         {"website", L2A_FIELD_WEBSITE},
    {"domains", L2A_FIELD_DOMAIN},        {"country", L2A_FIELD_COUNTRY},
    {"region", L2A_FIELD_REGION},         {"city", L2A_FIELD_CITY},
    {"postal_code", L2A_FIELD_POSTAL_CODE}, {"phone", L2A_FIELD_PHONE},
    {"parent_id", L2A_FIELD_PARENT_ID},   {"industry", L2A_FIELD_INDUSTRY},
    {NULL, 0},
};

static const struct field_name person_keys[] = {
    {"id", L2A_FIELD_ID},                 {"email", L2A_FIELD_EMAIL},
    {"company", L2A_FIELD_COMPANY_NAME},  {"website", L2A_FIELD_WEBSITE},
    {"first_name", L2A_FIELD_FIRST_NAME}, {"last_name", L2A_FIELD_LAST_NAME},
    {"title", L2A_FIELD_TITLE},           {"phone", L2A_FIELD_PHONE},
    {"country", L2A_FIELD_COUNTRY},       {"region", L2A_FIELD_REGION},
    {"city", L2A_FIELD_CITY},             {"account_ids", L2A_FIELD_ACCOUNT_IDS},
    {NULL, 0},
};

static int lookup_field(const struct field_name *names, const char *name, size_t len)
{
    for (; names->name; names++)
        if (strlen(names->name) == len && memcmp(names->name, name, len) == 0)
            return names->field;
    return 0;
}

static int is_multi_valued(int field)
{
    return field == L2A_FIELD_ALIAS || field == L2A_FIELD_DOMAIN ||
           field == L2A_FIELD_ACCOUNT_IDS;
}

/* Stores one value in a record. Multi-valued fields take '|'-separated
 * values, each added with l2a_record_add(); the others are set whole. */
static int put_value(l2a_record *rec, int field, const char *value, size_t len)
{
    size_t i, begin = 0;
    int rc;

    if (!is_multi_valued(field))
        return l2a_record_set(rec, field, value, len);
    for (i = 0; i <= len; i++) {
        if (i == len || value[i] == '|') {
            /* Empty pieces are ignored by l2a_record_add(). */
            rc = l2a_record_add(rec, field, value + begin, i - begin);
            if (rc != L2A_OK)
                return rc;
            begin = i + 1;
        }
    }
    return L2A_OK;
}

/* ---- Loading the accounts ---- */

/* Reads every row of the accounts CSV into the matcher. Returns 0, 1 on a
 * library error or 2 on a file error, after printing what went wrong. */
static int load_accounts(l2a_matcher *m, const char *path)
{
    struct csv_row row = {0};
    int columns[MAX_COLUMNS];
    l2a_record *rec = NULL;
    FILE *f;
    int i, ncolumns, rc, status = 0;
    long line = 1;

    f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 2;
    }
    /* The header row says which field each column fills (0: ignored). */
    if (csv_read_row(f, &row) != 1) {
        fprintf(stderr, "%s: no header row\n", path);
        status = 2;
        goto out;
    }
    for (i = 0; i < row.count; i++) {
        const char *name = csv_field(&row, i);
        if (i == 0 && strncmp(name, "\xEF\xBB\xBF", 3) == 0)
            name += 3;          /* a UTF-8 byte-order mark */
        columns[i] = lookup_field(account_columns, name, strlen(name));
    }
    ncolumns = row.count;

    rc = l2a_record_new(&rec);
    if (rc != L2A_OK) {
        fprintf(stderr, "l2a_record_new: %s\n", l2a_strerror(rc));
        status = 1;
        goto out;
    }
    while ((rc = csv_read_row(f, &row)) == 1) {
        line++;
        if (row.count == 1 && csv_field(&row, 0)[0] == '\0')
            continue;           /* a blank line */
        /* One record, reused for every account: the matcher copies it. */
        l2a_record_clear(rec);
        for (i = 0; i < row.count && i < ncolumns; i++) {
            const char *value = csv_field(&row, i);
            if (columns[i] == 0 || value[0] == '\0')
                continue;
            rc = put_value(rec, columns[i], value, strlen(value));
            if (rc != L2A_OK) {
                fprintf(stderr, "%s: row %ld: %s: %s\n", path, line,
                        l2a_strerror(rc), l2a_record_errmsg(rec));
                status = 1;
                goto out;
            }
        }
        rc = l2a_matcher_add_account(m, rec);
        if (rc != L2A_OK) {
            fprintf(stderr, "%s: row %ld: %s: %s\n", path, line,
                    l2a_strerror(rc), l2a_matcher_errmsg(m));
            status = 1;
            goto out;
        }
    }
    if (rc < 0) {
        fprintf(stderr, "%s: malformed CSV after row %ld\n", path, line);
        status = 2;
    }
out:
    l2a_record_free(rec);       /* NULL is fine */
    free(row.buf);
    fclose(f);
    return status;
}

/* ---- Matching and printing ---- */

/* The persons matched when none are given: one of each kind. */
static const char *const builtin_persons[] = {
    /* Work email at an account's domain. */
    "id=demo-email;email=jane.doe@acme.com;company=Acme Corp;country=US",
    /* Work email at a subdomain of an account's domain. */
    "id=demo-subdomain;email=tom.baker@emea.acme.com",
    /* No email: the company website, shouted and with a path. */
    "id=demo-website;website=HTTPS://WWW.SAP.COM/en/about;company=SAP",
    /* Company name only, legal form and accents changed. */
    "id=demo-name;company=Nestle SA;country=Switzerland",
    /* Free-mail address plus a company name: the name decides. */
    "id=demo-freemail-name;email=anna.b1990@gmail.com;company=Globex Corporation;country=US",
    /* Free-mail address alone: nothing to match on. */
    "id=demo-freemail-only;email=john.smith1987@gmail.com",
    /* Disposable address alone. */
    "id=demo-disposable;email=test123@mailinator.com",
    /* Already tied to an account: skipped. */
    "id=demo-account-person;email=jane.roe@acme.com;account_ids=acc-acme",
    /* No email, company or website: anonymous. */
    "id=demo-anonymous;first_name=Maria;last_name=Rossi;country=IT",
    /* A company that is no account. */
    "id=demo-unknown;email=k.lee@fabrikam.com;company=Fabrikam, Inc.",
    /* A company name in Japanese script. */
    "id=demo-japanese;company=トヨタ自動車;country=JP",
};

/* Fills a person record from a "key=value;key=value" argument. Returns
 * L2A_OK or an error code after printing what went wrong. */
static int parse_person(l2a_record *rec, const char *spec)
{
    const char *p = spec;
    int rc = L2A_OK;

    l2a_record_clear(rec);
    if (!strchr(spec, '=')) {
        /* A bare email address or company name. */
        int field = strchr(spec, '@') ? L2A_FIELD_EMAIL : L2A_FIELD_COMPANY_NAME;
        rc = l2a_record_set(rec, field, spec, L2A_NTS);
        p = "";
    }
    while (rc == L2A_OK && *p) {
        size_t len = strcspn(p, ";");
        const char *eq = memchr(p, '=', len);
        int field = eq ? lookup_field(person_keys, p, (size_t)(eq - p)) : 0;

        if (field == 0) {
            fprintf(stderr, "\"%s\": expected key=value with a known key\n", spec);
            return L2A_ERR_INVALID_ARGUMENT;
        }
        rc = put_value(rec, field, eq + 1, len - (size_t)(eq + 1 - p));
        p += len;
        if (*p == ';')
            p++;
    }
    if (rc != L2A_OK)
        fprintf(stderr, "\"%s\": %s: %s\n", spec, l2a_strerror(rc), l2a_record_errmsg(rec));
    return rc;
}

/* The name functions return "" for the NONE values; print "-" instead. */
static const char *or_dash(const char *s)
{
    return s && *s ? s : "-";
}

static void print_result(const char *spec, const l2a_record *person, const l2a_result *res)
{
    size_t i, n;

    printf("person %s: %s\n", or_dash(l2a_record_get(person, L2A_FIELD_ID, 0, NULL)), spec);
    printf("  status=%s class=%s account=%s score=%.3f method=%s\n",
           or_dash(l2a_status_name(l2a_result_status(res))),
           or_dash(l2a_person_class_name(l2a_result_person_class(res))),
           or_dash(l2a_result_account_id(res)),
           l2a_result_score(res),
           or_dash(l2a_method_name(l2a_result_method(res))));
    if (l2a_result_runner_up_id(res))
        printf("  runner-up=%s score=%.3f\n", l2a_result_runner_up_id(res),
               l2a_result_runner_up_score(res));

    /* Reasons come most influential first; show the top three. */
    n = l2a_result_reason_count(res);
    if (n > 3)
        n = 3;
    if (n > 0)
        printf("  reasons:");
    for (i = 0; i < n; i++) {
        int feature;
        double value, contribution;
        if (l2a_result_reason(res, i, &feature, &value, &contribution) == L2A_OK)
            printf(" %s=%.2f (%+.2f)", or_dash(l2a_feature_name(feature)), value, contribution);
    }
    if (n > 0)
        printf("\n");
}

int main(int argc, char **argv)
{
    l2a_matcher *m = NULL;
    l2a_record *person = NULL;
    l2a_result *res = NULL;
    const char *const *specs;
    int i, nspecs, rc, status = 0;

    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        fprintf(stderr, "usage: %s ACCOUNTS.csv [PERSON...]\n"
                        "  PERSON: key=value;... (id, email, company, website, country, ...)\n",
                argv[0]);
        return 2;
    }
    if (argc > 2) {
        specs = (const char *const *)(argv + 2);
        nspecs = argc - 2;
    } else {
        specs = builtin_persons;
        nspecs = (int)(sizeof builtin_persons / sizeof builtin_persons[0]);
    }

    /* 1. A matcher with the built-in model and free-mail table. */
    rc = l2a_matcher_new(&m);
    if (rc != L2A_OK) {
        fprintf(stderr, "l2a_matcher_new: %s\n", l2a_strerror(rc));
        return 1;
    }
    printf("libl2a %s, model %s\n", l2a_version(), l2a_matcher_model_version(m));

    /* 2. Accounts in. */
    status = load_accounts(m, argv[1]);
    if (status != 0)
        goto out;

    /* 3. Freeze: builds the domain map and the name index. */
    rc = l2a_matcher_build(m);
    if (rc != L2A_OK) {
        fprintf(stderr, "l2a_matcher_build: %s: %s\n", l2a_strerror(rc), l2a_matcher_errmsg(m));
        status = 1;
        goto out;
    }
    printf("%zu accounts\n\n", l2a_matcher_account_count(m));

    /* 4. Match. One record and one result, reused for every person (a
     *    threaded program would keep one pair per thread). */
    if (l2a_record_new(&person) != L2A_OK || l2a_result_new(&res) != L2A_OK) {
        fprintf(stderr, "out of memory\n");
        status = 1;
        goto out;
    }
    for (i = 0; i < nspecs; i++) {
        if (parse_person(person, specs[i]) != L2A_OK) {
            status = 1;
            continue;
        }
        rc = l2a_match(m, person, res);
        if (rc != L2A_OK) {
            /* Only a failed call is an error; a person that cannot be
             * matched gets a status instead. */
            fprintf(stderr, "l2a_match(\"%s\"): %s: %s\n", specs[i], l2a_strerror(rc),
                    l2a_result_errmsg(res));
            status = 1;
            continue;
        }
        print_result(specs[i], person, res);
    }

out:
    /* 5. Free everything; each _free accepts NULL. */
    l2a_result_free(res);
    l2a_record_free(person);
    l2a_matcher_free(m);
    return status;
}
