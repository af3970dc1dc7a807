# SPDX-License-Identifier: MIT
"""`l2a match` on the hand-written inputs: expectations that hold whatever
the model's weights, output shape, order and metrics."""
import csv
import io
from datetime import datetime

from clitest import (ALL_COLUMNS, EXIT_OK, EXPLAIN_COLUMNS, OUTPUT_COLUMNS, check_output_row,
                     check_score, csv_dicts, data, expect, expect_eq, expect_rc, l2a, main,
                     metrics_identity, read_json, write)

ACCOUNTS = data("accounts.csv")
PERSONS = data("persons.csv")


def load_expectations():
    with open(data("persons.expected.csv"), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def run_all(*extra):
    proc = l2a("match", "--accounts", ACCOUNTS, "--persons", PERSONS, "--all", "-q", *extra)
    expect_rc(proc, EXIT_OK, "match --all")
    return proc


def check_expected(row, exp):
    what = f"person {exp['person_id']}"
    expect_eq(row["person_id"], exp["person_id"], "person order")
    expect_eq(row["class"], exp["class"], f"{what} class")
    expect(row["status"] in exp["status"].split("|"),
           f"{what}: status {row['status']!r}, expected {exp['status']!r}")
    for column in ("account_id", "method"):
        if exp[column] != "*":
            expect_eq(row[column], exp[column], f"{what} {column}")


def test_all_rows_follow_expectations():
    header, rows = csv_dicts(run_all().stdout)
    expect_eq(header, ALL_COLUMNS, "header")
    expected = load_expectations()
    expect_eq(len(rows), len(expected), "one row per person")
    for row, exp in zip(rows, expected):
        check_output_row(row, True, f"person {exp['person_id']}")
        check_expected(row, exp)


def test_email_domain_of_one_account_matches_it():
    # Every person whose email is at a domain listed by exactly one account.
    _, accounts = csv_dicts(open(ACCOUNTS, "rb").read())
    owners = {}
    for a in accounts:
        # The host of the website is the account's domain too (these inputs
        # use no subdomain other than www).
        site = a["website"].lower().partition("://")[2] or a["website"].lower()
        site = site.split("/")[0].removeprefix("www.")
        for d in filter(None, a["domains"].lower().split("|") + [site]):
            owners.setdefault(d, set()).add(a["account_id"])
    _, persons = csv_dicts(open(PERSONS, "rb").read())
    _, rows = csv_dicts(run_all().stdout)
    by_id = {r["person_id"]: r for r in rows}
    checked = 0
    for p in persons:
        domain = p["email"].rpartition("@")[2].lower()
        if p["account_ids"] or len(owners.get(domain, ())) != 1:
            continue
        checked += 1
        row = by_id[p["person_id"]]
        expect_eq((row["status"], row["account_id"], row["method"]),
                  ("matched", next(iter(owners[domain])), "domain"), p["person_id"])
    expect(checked >= 10, f"only {checked} persons checked")


def test_matched_only_output_is_the_matched_subset():
    _, everyone = csv_dicts(run_all().stdout)
    proc = l2a("match", "-a", ACCOUNTS, "-p", PERSONS, "-q")
    expect_rc(proc, EXIT_OK, "match")
    header, rows = csv_dicts(proc.stdout)
    expect_eq(header, OUTPUT_COLUMNS, "header")
    expected = [{k: r[k] for k in OUTPUT_COLUMNS} for r in everyone if r["status"] == "matched"]
    expect(len(expected) >= 20, "the inputs match at least 20 persons")
    expect_eq(rows, expected, "matched rows")
    for r in rows:
        check_output_row(r, False, r["person_id"])


def test_explain_adds_runner_up_and_reasons():
    header, rows = csv_dicts(run_all("--explain").stdout)
    expect_eq(header, ALL_COLUMNS + EXPLAIN_COLUMNS, "header")
    _, plain = csv_dicts(run_all().stdout)
    reasons_seen = 0
    for row, base in zip(rows, plain):
        expect_eq({k: row[k] for k in ALL_COLUMNS}, base, "explain keeps the other columns")
        expect((row["runner_up_id"] == "") == (row["runner_up_score"] == ""),
               f"{row['person_id']}: runner-up id and score go together")
        if row["runner_up_id"]:
            expect(row["runner_up_id"] != row["account_id"], "runner-up is another account")
            expect(check_score(row["runner_up_score"], "runner-up") <= float(row["score"]),
                   f"{row['person_id']}: runner-up above the best")
        if row["reasons"]:
            parts = row["reasons"].split(";")
            expect(1 <= len(parts) <= 3, f"{row['person_id']}: {len(parts)} reasons")
            for part in parts:
                name, _, value = part.partition(":")
                expect(name and value[:1] in "+-" and float(value) == float(value),
                       f"bad reason {part!r}")
            reasons_seen += 1
        if row["status"] == "matched":
            expect(row["reasons"] != "", f"{row['person_id']}: a match without reasons")
    expect(reasons_seen >= 20, "reasons are given")


def test_domain_match_reason_names_the_email_domain():
    _, rows = csv_dicts(run_all("--explain").stdout)
    for r in rows:
        if r["method"] == "domain" and r["status"] == "matched":
            expect("email_domain:+" in r["reasons"], f"{r['person_id']}: {r['reasons']}")


def test_search_every_name_scores_more_rivals_and_keeps_the_best():
    _, plain = csv_dicts(run_all("--explain", "--threshold", "0").stdout)
    _, every = csv_dicts(run_all("--explain", "--threshold", "0", "--search-every-name").stdout)
    expect_eq(len(every), len(plain), "one row per person either way")
    for a, b in zip(plain, every):
        expect_eq(b["account_id"], a["account_id"], f"{a['person_id']}: the same best account")
    rivals = sum(1 for r in plain if r["runner_up_id"])
    rivals_every = sum(1 for r in every if r["runner_up_id"])
    expect(rivals_every > rivals, f"more persons with a runner-up ({rivals} -> {rivals_every})")


def test_threads_do_not_change_the_output():
    outputs = set()
    for n in (1, 2, 4, 7):
        outputs.add(run_all("--explain", "--threads", n).stdout)
    expect_eq(len(outputs), 1, "distinct outputs over thread counts")


def big_persons(copies):
    """The persons repeated under new ids: several 4096-row blocks."""
    with open(PERSONS, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(rows[0])
    ids = []
    for i in range(copies):
        for r in rows[1:]:
            r2 = list(r)
            r2[0] = f"{r[0]}-{i:05d}"
            ids.append(r2[0])
            w.writerow(r2)
    return out.getvalue(), ids


def test_order_and_threads_over_many_blocks():
    text, ids = big_persons(350)  # 10,500 persons
    write("big.csv", text)
    results = []
    for n in (1, 4):
        proc = l2a("match", "-a", ACCOUNTS, "-p", "big.csv", "--all", "-q", "-j", n,
                   "-o", f"out{n}.csv", "--metrics", f"m{n}.json")
        expect_rc(proc, EXIT_OK, f"--threads {n}")
        results.append(open(f"out{n}.csv", "rb").read())
    expect(results[0] == results[1], "--threads 1 and 4 give byte-identical output")
    _, rows = csv_dicts(results[0])
    expect_eq([r["person_id"] for r in rows], ids, "output in input order")
    base = {r["person_id"]: r for r in csv_dicts(run_all().stdout)[1]}
    for r in rows[:: 97]:
        b = base[r["person_id"].rpartition("-")[0]]
        expect_eq((r["status"], r["account_id"], r["score"]),
                  (b["status"], b["account_id"], b["score"]), "copies match alike")
    m = read_json("m4.json")
    expect_eq(m["persons"]["read"], len(ids), "persons read")
    expect(metrics_identity(m), "metrics identity")


def test_threshold_zero_shows_every_best_candidate():
    _, rows = csv_dicts(run_all("--threshold", "0").stdout)
    _, default = csv_dicts(run_all().stdout)
    for r, d in zip(rows, default):
        expect(r["status"] != "below_threshold", f"{r['person_id']}: below threshold 0")
        expect_eq(r["account_id"], d["account_id"], "best candidate does not depend on threshold")
        if r["account_id"]:
            expect(r["status"] in ("matched", "ambiguous"), f"{r['person_id']}: {r['status']}")


def test_threshold_one_matches_less():
    _, strict = csv_dicts(run_all("--threshold", "1").stdout)
    _, default = csv_dicts(run_all().stdout)
    n_strict = sum(r["status"] == "matched" for r in strict)
    n_default = sum(r["status"] == "matched" for r in default)
    expect(n_strict <= n_default, "a higher threshold never matches more")
    for r in strict:
        if r["status"] == "matched":
            expect(float(r["score"]) >= 0.99995, f"{r['person_id']} matched below 1")


def tally(rows):
    t = {}
    for r in rows:
        t[r["status"]] = t.get(r["status"], 0) + 1
    return t


def check_timestamps(m):
    start = datetime.fromisoformat(m["started_at"].replace("Z", "+00:00"))
    end = datetime.fromisoformat(m["ended_at"].replace("Z", "+00:00"))
    expect(m["started_at"].endswith("Z") and start <= end, "UTC timestamps in order")
    expect(m["wall_time_seconds"] >= 0, "wall time")


def test_metrics_add_up():
    proc = l2a("match", "-a", ACCOUNTS, "-p", PERSONS, "--all", "-q", "-o", "out.csv",
               "--metrics", "m.json", "--threshold", "0.6", "--threads", "3")
    expect_rc(proc, EXIT_OK, "match")
    m = read_json("m.json")
    _, rows = csv_dicts(open("out.csv", "rb").read())
    t = tally(rows)
    p = m["persons"]
    expect_eq(m["status"], "succeeded", "status")
    expect_eq(m["exit_code"], 0, "exit_code")
    expect_eq(m["job"], "lead-to-account-matching", "job")
    expect_eq(p["read"], 30, "persons read")
    expect_eq(p["rejected"], 0, "rejected")
    expect_eq(p["matched"], t.get("matched", 0), "matched")
    expect_eq(p["account_persons_skipped"], t.get("skipped", 0), "skipped")
    expect_eq(p["account_persons_skipped"], 2, "skipped")
    expect_eq(p["anonymous"], t.get("anonymous", 0), "anonymous")
    expect_eq(p["anonymous"], 2, "anonymous")
    for status in ("below_threshold", "no_candidate", "ambiguous"):
        expect_eq(p["unmatched"][status], t.get(status, 0), status)
    expect_eq(p["unmatched"]["total"], sum(p["unmatched"][s] for s in
                                           ("below_threshold", "no_candidate", "ambiguous")),
              "unmatched total")
    expect_eq(p["known"], p["matched"] + p["unmatched"]["total"], "known")
    expect_eq(p["with_account"], p["matched"] + p["account_persons_skipped"], "with_account")
    expect(metrics_identity(m), "persons identity")
    expect(m["accounting"]["balanced"] is True, "balanced")
    expect_eq(m["accounts"], {"read": 15, "loaded": 15, "rejected": 0}, "accounts")
    expect_eq(m["outputs"]["rows_written"], 30, "rows written")
    expect_eq(m["outputs"]["output"], "out.csv", "output path")
    expect_eq(m["outputs"]["rejects"], "out.rejects.csv", "rejects path")
    bins = m["score_histogram"]["bins"]
    expect_eq(len(bins), 10, "histogram bins")
    with_candidate = [r for r in rows if r["class"] == "known" and r["account_id"]]
    expect_eq(sum(b["count"] for b in bins), len(with_candidate), "histogram total")
    for b in bins:
        inside = [r for r in with_candidate
                  if b["from"] <= float(r["score"]) < b["to"] or (b["to"] == 1.0 and
                                                                  float(r["score"]) == 1.0)]
        # Output scores are rounded to 4 decimals: a score next to a bin edge may
        # round across it, so allow that much.
        expect(abs(len(inside) - b["count"]) <= 1, f"bin {b}: {len(inside)} rows")
    expect_eq(m["threshold"], 0.6, "threshold")
    expect(isinstance(m["model_version"], str) and m["model_version"], "model version")
    expect_eq(m["threads"], 3, "threads")
    expect(m["throughput_persons_per_second"] >= 0, "throughput")
    check_timestamps(m)


def test_person_order_independent_of_account_order():
    with open(ACCOUNTS, encoding="utf-8", newline="") as f:
        lines = f.read().splitlines(keepends=True)
    write("reversed.csv", lines[0] + "".join(reversed(lines[1:])))
    a = run_all().stdout
    proc = l2a("match", "-a", "reversed.csv", "-p", PERSONS, "--all", "-q")
    expect_rc(proc, EXIT_OK, "reversed accounts")
    expect(proc.stdout == a, "account order changes the output")


if __name__ == "__main__":
    main([test_all_rows_follow_expectations, test_email_domain_of_one_account_matches_it,
          test_matched_only_output_is_the_matched_subset, test_explain_adds_runner_up_and_reasons,
          test_domain_match_reason_names_the_email_domain, test_threads_do_not_change_the_output,
          test_order_and_threads_over_many_blocks, test_threshold_zero_shows_every_best_candidate,
          test_threshold_one_matches_less, test_metrics_add_up,
          test_person_order_independent_of_account_order])
