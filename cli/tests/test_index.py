# SPDX-License-Identifier: MIT
"""`l2a index build` and `l2a match --index`: a snapshot gives the same answers as the accounts file."""
import os
import stat

from clitest import (EXIT_INPUT, EXIT_OK, EXIT_USAGE, data, expect, expect_eq, expect_rc, l2a,
                     main, read_json, temp_files_in, write)

ACCOUNTS = data("accounts.csv")
PERSONS = data("persons.csv")


def build(path="acc.snap", *extra):
    return l2a("index", "build", "--accounts", ACCOUNTS, "--output", path, "-q", *extra)


def test_snapshot_gives_the_same_output_as_the_accounts_file():
    expect_rc(build(), EXIT_OK, "index build")
    mode = stat.S_IMODE(os.stat("acc.snap").st_mode)
    expect(mode & 0o044 == 0o044, f"snapshot readable by other processes' users (mode {oct(mode)})")
    expect_eq(temp_files_in("."), [], "no temporary file left")
    for threads in ("1", "3"):
        expect_rc(l2a("match", "--index", "acc.snap", "--persons", PERSONS, "--all", "-j", threads,
                      "--output", "from-index.csv", "--metrics", "m.json", "-q"), EXIT_OK, "match --index")
        expect_rc(l2a("match", "--accounts", ACCOUNTS, "--persons", PERSONS, "--all", "-j", threads,
                      "--output", "from-accounts.csv", "-q"), EXIT_OK, "match --accounts")
        expect_eq(open("from-index.csv", "rb").read(), open("from-accounts.csv", "rb").read(),
                  f"the same output with {threads} threads")
    m = read_json("m.json")
    expect_eq(m["accounts"]["loaded"], 15, "accounts loaded from the snapshot")
    expect(m["accounting"]["balanced"], "metrics balanced")


def test_search_every_name_applies_to_a_snapshot():
    expect_rc(build("s.snap"), EXIT_OK, "index build")
    outputs = []
    for source in (("--index", "s.snap"), ("--accounts", ACCOUNTS)):
        out = f"every{len(outputs)}.csv"
        expect_rc(l2a("match", *source, "--persons", PERSONS, "--all", "--explain",
                      "--search-every-name", "--output", out, "-q"), EXIT_OK, f"match {source[0]}")
        outputs.append(open(out, "rb").read())
    expect_eq(outputs[0], outputs[1], "the same output from the snapshot and the accounts file")


def test_threshold_overrides_the_snapshot():
    expect_rc(build("t.snap", "--threshold", "0.99"), EXIT_OK, "index build with a threshold")
    expect_rc(l2a("match", "--index", "t.snap", "--persons", PERSONS, "--all", "--output", "a.csv",
                  "--metrics", "a.json", "-q"), EXIT_OK, "kept threshold")
    expect_eq(read_json("a.json")["threshold"], 0.99, "the snapshot's threshold")
    expect_rc(l2a("match", "--index", "t.snap", "--threshold", "0.3", "--persons", PERSONS, "--all",
                  "--output", "b.csv", "--metrics", "b.json", "-q"), EXIT_OK, "overridden threshold")
    expect_eq(read_json("b.json")["threshold"], 0.3, "--threshold wins")


def test_damaged_snapshot_is_an_input_error():
    expect_rc(build(), EXIT_OK, "index build")
    content = bytearray(open("acc.snap", "rb").read())
    content[len(content) // 2] ^= 0xFF
    write("bad.snap", bytes(content))
    proc = l2a("match", "--index", "bad.snap", "--persons", PERSONS, "--output", "out.csv", "-q")
    expect_rc(proc, EXIT_INPUT, "corrupted snapshot")
    expect(b"checksum" in proc.stderr, proc.stderr.decode("utf-8", "replace"))
    expect(not os.path.exists("out.csv"), "no output from a failed job")
    write("accounts-as-snapshot.snap", open(ACCOUNTS, "rb").read())
    expect_rc(l2a("match", "--index", "accounts-as-snapshot.snap", "--persons", PERSONS, "-q"),
              EXIT_INPUT, "a CSV file given as a snapshot")
    expect_rc(l2a("match", "--index", "missing.snap", "--persons", PERSONS, "-q"), EXIT_INPUT,
              "missing snapshot")


def test_usage_errors():
    expect_rc(l2a("index"), EXIT_USAGE, "no action")
    expect_rc(l2a("index", "frobnicate"), EXIT_USAGE, "unknown action")
    expect_rc(l2a("index", "build", "--accounts", ACCOUNTS), EXIT_USAGE, "no output")
    expect_rc(l2a("index", "build", "--accounts", ACCOUNTS, "--output", "-"), EXIT_USAGE, "stdout")
    expect_rc(l2a("match", "--index", "x.snap", "--accounts", ACCOUNTS, "--persons", PERSONS),
              EXIT_USAGE, "--index with --accounts")
    expect_rc(l2a("match", "--index", "x.snap", "--model", "m", "--persons", PERSONS), EXIT_USAGE,
              "--index with --model")
    expect_rc(l2a("index", "--help"), EXIT_OK, "help")


if __name__ == "__main__":
    main([test_snapshot_gives_the_same_output_as_the_accounts_file, test_threshold_overrides_the_snapshot,
          test_damaged_snapshot_is_an_input_error, test_usage_errors])
