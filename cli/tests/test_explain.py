# SPDX-License-Identifier: MIT
"""`l2a explain`: the decision for one person, candidate by candidate."""
import os
import re

from clitest import (EXIT_INPUT, EXIT_OK, EXIT_REJECTS, EXIT_USAGE, data, expect, expect_eq,
                     expect_rc, l2a, main, write)

ACCOUNTS = data("accounts.csv")


def header_feature_count():
    """L2A_FEATURE_COUNT as the public header defines it, so new features need no edit here."""
    header = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "include", "l2a.h")
    with open(header, encoding="utf-8") as f:
        return int(re.search(r"#define L2A_FEATURE_COUNT (\d+)", f.read()).group(1))


FEATURE_COUNT = header_feature_count()


def explain(*args, rc=EXIT_OK):
    proc = l2a("explain", "-a", ACCOUNTS, "-q", *args)
    expect_rc(proc, rc, "explain")
    return proc.stdout.decode("utf-8")


def field(text, name):
    """The value of a "name   value" line (person fields are indented)."""
    m = re.search(rf"^(?:  )?{name} +(.*)$", text, re.M)
    expect(m is not None, f"no {name!r} line in:\n{text}")
    return m.group(1).strip()


def candidate_blocks(text):
    """{rank: (account_id, probability, [(feature, value, contribution)], total)}"""
    blocks = {}
    for m in re.finditer(r"^candidate (\d+)  (\S+)  probability (\S+)\n  feature .*\n"
                         r"((?:  \S+ +\S+ +\S+\n)+)  total +(\S+)$", text, re.M):
        rows = [tuple(line.split()) for line in m.group(4).splitlines()]
        rows = [(f, float(v), float(c)) for f, v, c in rows]
        blocks[int(m.group(1))] = (m.group(2), float(m.group(3)), rows, float(m.group(5)))
    return blocks


def test_domain_match_is_explained():
    text = explain("--email", "jane@acme.com", "--company", "Acme", "--country", "US")
    expect_eq(field(text, "class"), "known", "class")
    expect_eq(field(text, "status"), "matched", "status")
    best = field(text, "best").split()
    expect_eq((best[0], best[1], best[3], best[4]), ("A01", "probability", "method", "domain"),
              "best line")
    # The order of the reasons is the model's to choose; the domain must be one, pulling up.
    reasons = dict(r.split(":") for r in field(text, "reasons").split(";"))
    expect("email_domain" in reasons and float(reasons["email_domain"]) > 0, "email_domain among the reasons")
    n = int(field(text, "candidates").split()[0])
    blocks = candidate_blocks(text)
    expect(n >= 1 and sorted(blocks) == list(range(1, n + 1)), f"{n} candidate blocks")
    expect_eq(blocks[1][0], "A01", "candidate 1 is the best")
    probabilities = [blocks[i][1] for i in sorted(blocks)]
    expect(all(0 <= p <= 1 for p in probabilities), "probabilities in [0, 1]")
    expect(probabilities == sorted(probabilities, reverse=True), "best first")
    for rank, (_, _, rows, total) in blocks.items():
        names = [r[0] for r in rows]
        expect_eq(len(names), FEATURE_COUNT, f"features of candidate {rank}")
        expect(len(set(names)) == FEATURE_COUNT and all(re.fullmatch(r"[a-z_]+", x)
                                                        for x in names), "feature names")
        expect(abs(sum(r[2] for r in rows) - total) < 1e-3 * FEATURE_COUNT, "total")
    email_domain = [r for r in blocks[1][2] if r[0] == "email_domain"]
    expect(email_domain and email_domain[0][1] == 1.0 and email_domain[0][2] > 0,
           "email_domain is 1 and counts for the best")
    summary = re.findall(r"^ +(\d+)  (\S+) +(\d\.\d{4})$", text, re.M)
    expect_eq([(int(r), a, float(p)) for r, a, p in summary],
              [(i, blocks[i][0], blocks[i][1]) for i in sorted(blocks)], "summary table")


def test_person_classes():
    text = explain("--email", "alice@gmail.com")
    expect_eq((field(text, "class"), field(text, "status")), ("known", "no_candidate"),
              "free mail only")
    expect_eq(field(text, "candidates").split()[0], "0", "no candidates")
    expect_eq(field(text, "best"), "-", "no best")
    text = explain("--email", "jane@acme.com", "--account-ids", "A01|A02")
    expect_eq((field(text, "class"), field(text, "status")), ("account", "skipped"), "account")
    text = explain("--city", "Boston")
    expect_eq((field(text, "class"), field(text, "status")), ("anonymous", "anonymous"),
              "anonymous")
    expect_eq(field(text, "city"), "Boston", "person shown")


def test_threshold_is_applied():
    text = explain("--company", "Stark Precision Tools", "--threshold", "1")
    expect_eq(field(text, "threshold"), "1.0000", "threshold")
    expect(field(text, "status") in ("below_threshold", "matched"), "status")
    expect(field(text, "best").startswith("A05 "), "best candidate does not depend on it")


def test_errors():
    expect_rc(l2a("explain", "--email", "a@b.com"), EXIT_USAGE, "no --accounts")
    expect_rc(l2a("explain", "-a", "missing.csv"), EXIT_INPUT, "unreadable accounts")
    expect_rc(l2a("explain", "-a", ACCOUNTS, "stray"), EXIT_USAGE, "stray argument")
    write("a.csv", "account_id,name,domains\nA1,Acme,acme.com\nA1,Again,again.com\n")
    proc = l2a("explain", "-a", "a.csv", "--email", "x@acme.com")
    expect_rc(proc, EXIT_REJECTS, "rejected account rows")
    expect(b"line 3" in proc.stderr and b"duplicate account_id" in proc.stderr, proc.stderr)


if __name__ == "__main__":
    main([test_domain_match_is_explained, test_person_classes, test_threshold_is_applied,
          test_errors])
