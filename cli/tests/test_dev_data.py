# SPDX-License-Identifier: MIT
"""`l2a match --all` over the shared accounts and dev persons: one row per
person, classes that follow from the input, metrics that add up. Skipped
(exit 77) when the shared data is absent."""
import csv
import os

from clitest import (ALL_COLUMNS, EXIT_OK, Skip, check_output_row, csv_dicts, expect, expect_eq,
                     expect_rc, l2a, main, metrics_identity, read_json)

SHARED = os.environ.get("L2A_SHARED_DATA", "")
ACCOUNTS = os.path.join(SHARED, "l2a", "accounts.csv")
PERSONS = os.path.join(SHARED, "l2a", "dev", "persons.csv")


def require_data():
    if not (SHARED and os.path.isfile(ACCOUNTS) and os.path.isfile(PERSONS)):
        raise Skip(f"shared data not found (L2A_SHARED_DATA={SHARED!r})")


def read_persons():
    with open(PERSONS, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_dev_persons_all():
    require_data()
    proc = l2a("match", "--accounts", ACCOUNTS, "--persons", PERSONS, "--all", "-q",
               "--metrics", "m.json", "-o", "out.csv")
    expect_rc(proc, EXIT_OK, "dev run")
    persons = read_persons()
    header, rows = csv_dicts(open("out.csv", "rb").read())
    expect_eq(header, ALL_COLUMNS, "header")
    expect_eq(len(rows), len(persons), "one row per person")
    expect_eq(len(rows), 10000, "dev persons")
    for p, r in zip(persons, rows):
        expect_eq(r["person_id"], p["person_id"], "input order")
        check_output_row(r, True, p["person_id"])
        expected_class = ("account" if p["account_ids"].strip("| ") else
                          "known" if (p["email"] or p["company_name"] or p["company_website"])
                          else "anonymous")
        expect_eq(r["class"], expected_class, f"{p['person_id']} class")
    m = read_json("m.json")
    pm = m["persons"]
    expect_eq(pm["read"], 10000, "persons read")
    expect_eq(pm["rejected"], 0, "no rejects")
    expect(metrics_identity(m) and m["accounting"]["balanced"], "metrics add up")
    expect_eq(pm["matched"], sum(r["status"] == "matched" for r in rows), "matched")
    expect_eq(pm["account_persons_skipped"], sum(r["class"] == "account" for r in rows),
              "skipped")
    expect_eq(m["outputs"]["rows_written"], 10000, "rows written")
    with open(ACCOUNTS, encoding="utf-8", newline="") as f:
        n_accounts = sum(1 for _ in csv.DictReader(f))
    expect_eq(m["accounts"], {"read": n_accounts, "loaded": n_accounts, "rejected": 0},
              "accounts")
    expect_eq(sum(b["count"] for b in m["score_histogram"]["bins"]),
              sum(r["class"] == "known" and r["account_id"] != "" for r in rows), "histogram")


def test_dev_persons_threads_agree():
    require_data()
    outs = []
    for n in (1, 3):
        proc = l2a("match", "-a", ACCOUNTS, "-p", PERSONS, "--all", "--explain", "-q", "-j", n)
        expect_rc(proc, EXIT_OK, f"--threads {n}")
        outs.append(proc.stdout)
    expect(outs[0] == outs[1], "--threads 1 and 3 give the same bytes")


if __name__ == "__main__":
    main([test_dev_persons_all, test_dev_persons_threads_agree])
