# SPDX-License-Identifier: MIT
"""JSON Lines in and out, and '-' for standard input and output."""
import csv
import json
import re

from clitest import (ALL_COLUMNS, EXIT_OK, EXIT_REJECTS, csv_dicts, data, expect, expect_eq,
                     expect_rc, l2a, main, read_json, write)

ACCOUNTS = data("accounts.csv")
PERSONS = data("persons.csv")
MULTI = {"account_ids", "aliases", "domains"}


def csv_records(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def to_object(record, i):
    """Vary the JSON shapes: arrays or '|' strings, nulls or missing keys,
    flat or nested XDM names."""
    obj = {}
    for key, value in record.items():
        if key in MULTI and value and i % 2 == 0:
            obj[key] = value.split("|")
        elif value:
            obj[key] = value
        elif i % 3 == 0:
            obj[key] = None
    if "person_id" in obj and i % 4 == 1:
        obj["b2b"] = {"personKey": {"sourceKey": obj.pop("person_id")}}
        if "email" in obj:
            obj["workEmail"] = {"address": obj.pop("email")}
    return obj


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for i, r in enumerate(records):
            f.write(json.dumps(to_object(r, i), ensure_ascii=i % 2 == 0) + "\n")


def csv_output(*extra):
    proc = l2a("match", "-a", ACCOUNTS, "-p", PERSONS, "--all", "-q", *extra)
    expect_rc(proc, EXIT_OK, "CSV run")
    return proc.stdout


def test_jsonl_persons_give_the_csv_results():
    write_jsonl("p.jsonl", csv_records(PERSONS))
    proc = l2a("match", "-a", ACCOUNTS, "-p", "p.jsonl", "--all", "-q", "-o", "out.csv")
    expect_rc(proc, EXIT_OK, "JSONL input")
    expect(open("out.csv", "rb").read() == csv_output(), "same output as from CSV")


def test_jsonl_accounts_with_arrays():
    write_jsonl("a.ndjson", csv_records(ACCOUNTS))
    proc = l2a("match", "-a", "a.ndjson", "-p", PERSONS, "--all", "-q")
    expect_rc(proc, EXIT_OK, "NDJSON accounts")
    expect(proc.stdout == csv_output(), "same output as from CSV accounts")


def check_jsonl_matches_csv(jsonl_bytes, csv_bytes, columns):
    _, rows = csv_dicts(csv_bytes)
    lines = jsonl_bytes.decode("utf-8").splitlines()
    expect_eq(len(lines), len(rows), "one object per row")
    for line, row in zip(lines, rows):
        obj = json.loads(line)
        expect_eq(list(obj), columns, "keys, in column order")
        for key in columns:
            value, text = obj[key], row[key]
            if text == "":
                expect(value is None, f"{row['person_id']} {key}: {value!r} for an empty cell")
            elif key == "score":
                expect(isinstance(value, float) and abs(value - float(text)) < 1e-9,
                       f"{row['person_id']} score {value!r} vs {text}")
            else:
                expect_eq(value, text, f"{row['person_id']} {key}")


def test_jsonl_output_has_the_csv_columns_as_keys():
    proc = l2a("match", "-a", ACCOUNTS, "-p", PERSONS, "--all", "-q", "-o", "out.jsonl")
    expect_rc(proc, EXIT_OK, "JSONL output")
    check_jsonl_matches_csv(open("out.jsonl", "rb").read(), csv_output(), ALL_COLUMNS)
    proc = l2a("match", "-a", ACCOUNTS, "-p", PERSONS, "-q", "--format", "jsonl")
    expect_rc(proc, EXIT_OK, "--format jsonl to stdout")
    plain = l2a("match", "-a", ACCOUNTS, "-p", PERSONS, "-q").stdout
    check_jsonl_matches_csv(proc.stdout, plain,
                            ["person_id", "account_id", "score", "method", "relationship_source"])


def test_stdin_and_stdout():
    write_jsonl("p.jsonl", csv_records(PERSONS))
    # --format is for files whose name does not tell: here stdin and stdout.
    proc = l2a("match", "-a", ACCOUNTS, "-p", "-", "--format", "jsonl", "-o", "-",
               "--output-format", "csv", "--all", "-q", stdin=open("p.jsonl", "rb").read())
    expect_rc(proc, EXIT_OK, "stdin")
    expect(proc.stdout == csv_output(), "stdin JSONL to stdout CSV")
    proc = l2a("match", "-a", "-", "-p", PERSONS, "--all", "-q",
               stdin=open(ACCOUNTS, "rb").read())
    expect_rc(proc, EXIT_OK, "accounts from stdin")
    expect(proc.stdout == csv_output(), "accounts from stdin")


def test_bad_json_lines_are_rejected():
    write("p.jsonl", b'{"person_id": "P1", "email": "jane@acme.com"}\n'
                     b'{"person_id": "P2", "email": \n'
                     b'\n'
                     b'["P3", "x@acme.com"]\n'
                     b'{"person_id": "P4", "email": true}\n'
                     b'{"person_id": "P5", "email": "\xff@acme.com"}\n'
                     b'{"person_id": "P6", "person_id": "P6b"}\n'
                     b'{"person_id": "P7", "email": ["a@acme.com", "b@acme.com"]}\n'
                     b'{"email": "noid@acme.com"}\n'
                     b'{"person_id": 10, "email": "num@globex.io", "account_ids": ["A01", null]}\n'
                     b'{"person_id": "P11", "email": "u@globex.io"}\r\n')
    proc = l2a("match", "-a", ACCOUNTS, "-p", "p.jsonl", "--all", "-q", "-o", "out.csv",
               "--metrics", "m.json")
    expect_rc(proc, EXIT_REJECTS, "exit status")
    _, rows = csv_dicts(open("out.csv", "rb").read())
    expect_eq([(r["person_id"], r["status"]) for r in rows],
              [("P1", "matched"), ("10", "skipped"), ("P11", "matched")], "rows")
    _, rj = csv_dicts(open("out.rejects.csv", "rb").read())
    got = [(r["line"], re.sub(r"column \d+:.*", "column N", r["reason"])) for r in rj]
    expect_eq(got, [("2", "invalid JSON at column N"), ("4", "not a JSON object"),
                    ("5", "column email: a boolean is not a valid value"),
                    ("6", "invalid UTF-8"), ("7", "invalid JSON at column N"),
                    ("8", "column email holds one value, not an array of 2"),
                    ("9", "missing or empty person_id")], "rejects")
    expect_eq(rj[1]["raw"], '["P3", "x@acme.com"]', "raw line")
    m = read_json("m.json")
    expect_eq((m["persons"]["read"], m["persons"]["rejected"]), (10, 7), "counts")
    expect(m["accounting"]["balanced"], "balanced")


if __name__ == "__main__":
    main([test_jsonl_persons_give_the_csv_results, test_jsonl_accounts_with_arrays,
          test_jsonl_output_has_the_csv_columns_as_keys, test_stdin_and_stdout,
          test_bad_json_lines_are_rejected])
