# SPDX-License-Identifier: MIT
"""Command-line conventions: --help, --version, usage errors and their exit
codes, --model and --freemail."""
import re

from clitest import (EXIT_INPUT, EXIT_OK, EXIT_USAGE, csv_dicts, data, expect, expect_eq,
                     expect_rc, l2a, main, read_json, write)

ACCOUNTS = data("accounts.csv")
PERSONS = data("persons.csv")
COMMANDS = ["match", "explain", "normalize", "domain"]


def test_help_everywhere():
    for args in [["--help"], ["-h"]] + [[c, "--help"] for c in COMMANDS]:
        proc = l2a(*args)
        expect_rc(proc, EXIT_OK, " ".join(args))
        out = proc.stdout.decode()
        expect(out.startswith("Usage: l2a"), f"{args}: {out[:40]!r}")
        expect("Exit status" in out, f"{args}: exit codes documented")
    top = l2a("--help").stdout.decode()
    for c in COMMANDS:
        expect(f"  {c} " in top, f"{c} listed in the top-level help")


def test_version():
    for flag in ("--version", "-V"):
        proc = l2a(flag)
        expect_rc(proc, EXIT_OK, flag)
        expect(re.fullmatch(rb"l2a \d+\.\d+\.\d+\n", proc.stdout) is not None, proc.stdout)


def test_usage_errors():
    cases = [
        [],
        ["frobnicate"],
        ["match"],
        ["match", "-p", PERSONS],
        ["match", "-a", ACCOUNTS],
        ["match", "-a", ACCOUNTS, "-p", PERSONS, "--threshold", "1.5"],
        ["match", "-a", ACCOUNTS, "-p", PERSONS, "--threshold", "high"],
        ["match", "-a", ACCOUNTS, "-p", PERSONS, "--threads", "0"],
        ["match", "-a", ACCOUNTS, "-p", PERSONS, "--threads", "many"],
        ["match", "-a", ACCOUNTS, "-p", PERSONS, "--bogus"],
        ["match", "-a", ACCOUNTS, "-p", PERSONS, "--format", "xml"],
        ["match", "-a", ACCOUNTS, "-p", PERSONS, "extra"],
        ["match", "-a", ACCOUNTS, "-p", PERSONS, "--metrics", "-"],
        ["match", "-a", "-", "-p", "-"],
        ["match", "-a", ACCOUNTS, "-p", PERSONS, "--output"],
    ]
    for args in cases:
        proc = l2a(*args)
        expect_rc(proc, EXIT_USAGE, " ".join(args) or "no arguments")
        expect(proc.stdout == b"", f"{args}: nothing on stdout")
        expect(proc.stderr.startswith(b"l2a: "), f"{args}: message on stderr")


def test_unreadable_inputs():
    for args in (["-a", "missing.csv", "-p", PERSONS], ["-a", ACCOUNTS, "-p", "missing.csv"],
                 ["-a", ACCOUNTS, "-p", PERSONS, "--model", "missing.model"],
                 ["-a", ACCOUNTS, "-p", PERSONS, "--freemail", "missing.txt"]):
        proc = l2a("match", *args)
        expect_rc(proc, EXIT_INPUT, " ".join(args))
        expect(b"missing." in proc.stderr, proc.stderr)


MODEL = """# a model written for this test
l2a-model 1
version cli-test-model
threshold 0.9
bias -6
weight email_domain 9
weight website_domain 8
weight name_trigram 6
calibration platt 1 0
end
"""


def test_model_file():
    write("test.model", MODEL)
    proc = l2a("match", "-a", ACCOUNTS, "-p", PERSONS, "-q", "--model", "test.model",
               "--metrics", "m.json", "-o", "out.csv")
    expect_rc(proc, EXIT_OK, "--model")
    m = read_json("m.json")
    expect_eq((m["model_version"], m["threshold"]), ("cli-test-model", 0.9), "model in metrics")
    proc = l2a("match", "-a", ACCOUNTS, "-p", PERSONS, "-q", "--model", "test.model",
               "--threshold", "0.2", "--metrics", "m.json", "-o", "out.csv")
    expect_eq(read_json("m.json")["threshold"], 0.2, "--threshold overrides the model's")
    write("bad.model", MODEL.replace("end\n", ""))
    proc = l2a("match", "-a", ACCOUNTS, "-p", PERSONS, "-q", "--model", "bad.model")
    expect_rc(proc, EXIT_INPUT, "malformed model")
    expect(b"bad.model" in proc.stderr, proc.stderr)


def test_freemail_file():
    write("p.csv", "person_id,email\nP1,zed@acme.com\nP2,ann@globex.io\n")
    proc = l2a("match", "-a", ACCOUNTS, "-p", "p.csv", "--all", "-q")
    expect_eq([r["status"] for r in csv_dicts(proc.stdout)[1]], ["matched", "matched"], "before")
    write("free.txt", "# our own list\n\n  acme.com   # a company that gives out mail\n")
    proc = l2a("match", "-a", ACCOUNTS, "-p", "p.csv", "--all", "-q", "--freemail", "free.txt")
    expect_rc(proc, EXIT_OK, "--freemail")
    rows = csv_dicts(proc.stdout)[1]
    expect(rows[0]["status"] != "matched", "a free-mail domain is no matching signal")
    expect_eq((rows[1]["status"], rows[1]["account_id"]), ("matched", "A02"), "others still match")
    write("bad.txt", "acme.com\n@@@\n")
    proc = l2a("match", "-a", ACCOUNTS, "-p", "p.csv", "-q", "--freemail", "bad.txt")
    expect_rc(proc, EXIT_INPUT, "invalid free-mail domain")
    expect(b"bad.txt:2" in proc.stderr, proc.stderr)


if __name__ == "__main__":
    main([test_help_everywhere, test_version, test_usage_errors, test_unreadable_inputs,
          test_model_file, test_freemail_file])
