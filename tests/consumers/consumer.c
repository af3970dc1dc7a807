/*
 * A program that knows libl2a only through its installed header and l2a.pc:
 * built by run-consumer-test.sh against a temporary installation, linked
 * once with the shared library and once with the static archive.
 *
 * SPDX-License-Identifier: MIT
 *
 * Prints one line and exits 0 when the library answers as documented.
 */
#include <stdio.h>
#include <string.h>

#include <l2a.h>

static int fail(const char *what, int rc)
{
    fprintf(stderr, "consumer: %s: %s\n", what, l2a_strerror(rc));
    return 1;
}

int main(void)
{
    l2a_matcher *m = NULL;
    l2a_record *rec = NULL;
    l2a_result *res = NULL;
    const char *account;
    char domain[64];
    int rc, status = 1;

    /* The header the program was compiled with and the library it runs
     * with must agree on the ABI major version. */
    if (l2a_version_number() / 10000 != L2A_VERSION_MAJOR ||
        strcmp(l2a_version(), L2A_VERSION_STRING) != 0) {
        fprintf(stderr, "consumer: header %s, library %s\n", L2A_VERSION_STRING, l2a_version());
        return 1;
    }
    if ((rc = l2a_matcher_new(&m)) != L2A_OK || (rc = l2a_record_new(&rec)) != L2A_OK ||
        (rc = l2a_result_new(&res)) != L2A_OK) {
        status = fail("new", rc);
        goto out;
    }
    if ((rc = l2a_record_set(rec, L2A_FIELD_ID, "acc-acme", L2A_NTS)) != L2A_OK ||
        (rc = l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, "Acme Corporation", L2A_NTS)) != L2A_OK ||
        (rc = l2a_record_add(rec, L2A_FIELD_DOMAIN, "acme.co.uk", L2A_NTS)) != L2A_OK ||
        (rc = l2a_matcher_add_account(m, rec)) != L2A_OK) {
        status = fail("add_account", rc);
        goto out;
    }
    l2a_record_clear(rec);
    if ((rc = l2a_record_set(rec, L2A_FIELD_ID, "acc-globex", L2A_NTS)) != L2A_OK ||
        (rc = l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, "Globex", L2A_NTS)) != L2A_OK ||
        (rc = l2a_matcher_add_account(m, rec)) != L2A_OK || (rc = l2a_matcher_build(m)) != L2A_OK) {
        status = fail("build", rc);
        goto out;
    }
    l2a_record_clear(rec);
    if ((rc = l2a_record_set(rec, L2A_FIELD_EMAIL, "jane@emea.acme.co.uk", L2A_NTS)) != L2A_OK ||
        (rc = l2a_match(m, rec, res)) != L2A_OK) {
        status = fail("match", rc);
        goto out;
    }
    /* ICU (through normalization and IDNA) and libpsl (the registrable
     * domain) are both exercised, so a link that lacks either fails here. */
    if ((rc = l2a_registrable_domain(m, "https://www.Bücher.co.uk/x", L2A_NTS, domain,
                                     sizeof domain, NULL)) != L2A_OK) {
        status = fail("registrable_domain", rc);
        goto out;
    }
    account = l2a_result_account_id(res);
    printf("%s %s %s %s\n", l2a_status_name(l2a_result_status(res)), account ? account : "-",
           l2a_method_name(l2a_result_method(res)), domain);
    status = l2a_result_status(res) == L2A_STATUS_MATCHED && account &&
                     strcmp(account, "acc-acme") == 0
                 ? 0
                 : 1;
out:
    l2a_result_free(res);
    l2a_record_free(rec);
    l2a_matcher_free(m);
    return status;
}
