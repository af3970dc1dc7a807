# SPDX-License-Identifier: MIT
"""Input handling of `l2a match`: rejects, exit codes, CSV dialect details,
column names and aliases. Nothing lost, nothing silent."""
import csv
import io
import os
import random

from clitest import (ALL_COLUMNS, EXIT_INPUT, EXIT_OK, EXIT_REJECTS, REJECT_COLUMNS,
                     check_output_row, csv_dicts, data, expect, expect_eq, expect_rc, l2a, main,
                     metrics_identity, read_json, temp_files_in, write)

ACCOUNTS = data("accounts.csv")


def match(persons, accounts=ACCOUNTS, *extra):
    return l2a("match", "-a", accounts, "-p", persons, "--all", "-q", "-o", "out.csv",
               "--metrics", "m.json", *extra)


def output_rows(rejected=False):
    """The --all rows of out.csv; those of rejected persons only when asked."""
    header, rows = csv_dicts(open("out.csv", "rb").read())
    expect_eq(header, ALL_COLUMNS, "output header")
    for r in rows:
        check_output_row(r, True, r["person_id"])
    return [r for r in rows if (r["status"] == "rejected") == rejected]


def rejects(path="out.rejects.csv"):
    with open(path, "rb") as f:
        raw = f.read()
    header, rows = csv_dicts(raw)
    expect_eq(header, REJECT_COLUMNS, "reject header")
    return rows


def check_metrics(read, rejected):
    m = read_json("m.json")
    expect_eq(m["persons"]["read"], read, "persons read")
    expect_eq(m["persons"]["rejected"], rejected, "persons rejected")
    expect(metrics_identity(m) and m["accounting"]["balanced"], "metrics identity")
    return m


def test_malformed_rows_are_rejected_and_the_job_goes_on():
    write("p.csv", "person_id,email,company_name\n"
                   "P1,jane@acme.com,Acme\n"
                   "P2,\"bad\"x,foo\n"
                   "P3,only-two@acme.com\n"
                   "P4,a@acme.com,x,extra\n"
                   "P5,ok@globex.io,Globex\n"
                   "P6,a\"b@acme.com,x\n")
    expect_rc(match("p.csv"), EXIT_REJECTS, "exit status with rejects")
    rows = output_rows()
    expect_eq([r["person_id"] for r in rows], ["P1", "P5"], "rows kept")
    expect_eq([(r["status"], r["account_id"]) for r in rows],
              [("matched", "A01"), ("matched", "A02")], "kept rows matched")
    rj = rejects()
    expect_eq([(r["source"], r["line"], r["raw"]) for r in rj],
              [("persons", "3", 'P2,"bad"x,foo'), ("persons", "4", "P3,only-two@acme.com"),
               ("persons", "5", "P4,a@acme.com,x,extra"), ("persons", "7", 'P6,a"b@acme.com,x')],
              "rejects")
    expect("malformed" in rj[0]["reason"], rj[0]["reason"])
    expect("expected 3 fields" in rj[1]["reason"] and "found 2" in rj[1]["reason"],
           rj[1]["reason"])
    expect("found 4" in rj[2]["reason"], rj[2]["reason"])
    expect("malformed" in rj[3]["reason"], rj[3]["reason"])
    m = check_metrics(6, 4)
    expect_eq((m["status"], m["exit_code"]), ("succeeded", EXIT_REJECTS), "job status")


def test_invalid_utf8_is_rejected_with_the_raw_bytes():
    write("p.csv", b"person_id,email,company_name,notes\n"
                   b"P1,\xff\xfe@acme.com,x,\n"
                   b"P2,bob@acme.com,Acme \xc3\x28 Corp,\n"
                   b"P3,carl@acme.com,Acme,\xff unused column\n")
    expect_rc(match("p.csv"), EXIT_REJECTS, "exit status")
    expect_eq([r["person_id"] for r in output_rows()], ["P3"], "invalid bytes in an unused "
              "column do not matter")
    raw = open("out.rejects.csv", "rb").read()
    expect(b"P1,\xff\xfe@acme.com,x," in raw, "raw bytes kept in the reject file")
    lines = raw.split(b"\n")
    expect(lines[1].startswith(b"persons,2,invalid UTF-8 in column email,"), lines[1])
    expect(lines[2].startswith(b"persons,3,invalid UTF-8 in column company_name,"), lines[2])
    check_metrics(3, 2)


def test_missing_person_id_column_is_fatal():
    write("p.csv", "id,email\nP1,jane@acme.com\n")
    write("out.csv", "previous run\n")
    proc = match("p.csv")
    expect_rc(proc, EXIT_INPUT, "missing person_id")
    expect(b"person_id" in proc.stderr, proc.stderr)
    expect_eq(open("out.csv").read(), "previous run\n", "previous output untouched")
    expect(not os.path.exists("out.rejects.csv"), "no reject file from a failed job")
    expect_eq(temp_files_in("."), [], "temporary files")
    m = read_json("m.json")
    expect_eq((m["status"], m["exit_code"]), ("failed", EXIT_INPUT), "metrics of a failed job")
    expect("person_id" in m["error"], m["error"])


def test_missing_account_id_column_is_fatal():
    write("a.csv", "name,domains\nAcme,acme.com\n")
    write("p.csv", "person_id,email\nP1,jane@acme.com\n")
    proc = match("p.csv", "a.csv")
    expect_rc(proc, EXIT_INPUT, "missing account_id")
    expect(b"account_id" in proc.stderr, proc.stderr)
    expect(not os.path.exists("out.csv"), "no output")


def test_duplicate_person_id():
    # The first P2 is rejected, so the later P2 is the one kept.
    write("p.csv", b"person_id,email\n"
                   b"P1,jane@acme.com\n"
                   b"P2,\xff\n"
                   b"P1,again@acme.com\n"
                   b"P2,x@globex.io\n")
    expect_rc(match("p.csv"), EXIT_REJECTS, "exit status")
    rows = output_rows()
    expect_eq([r["person_id"] for r in rows], ["P1", "P2"], "first usable row of an id wins")
    # --all keeps its promise of a row per person: the rejected P2 says so; the duplicate P1 has its row.
    expect_eq([r["person_id"] for r in output_rows(rejected=True)], ["P2"], "rejected rows")
    expect_eq(rows[1]["account_id"], "A02", "P2 is the later, valid row")
    rj = rejects()
    expect_eq([(r["line"], r["reason"]) for r in rj],
              [("3", "invalid UTF-8 in column email"), ("4", "duplicate person_id")], "rejects")
    check_metrics(4, 2)


def test_empty_person_id():
    write("p.csv", "person_id,email\n,jane@acme.com\n  ,bob@acme.com\nP3,carl@acme.com\n")
    expect_rc(match("p.csv"), EXIT_REJECTS, "exit status")
    expect_eq([r["person_id"] for r in output_rows()], ["P3"], "rows")
    expect_eq([(r["line"], r["reason"]) for r in rejects()],
              [("2", "missing or empty person_id"), ("3", "missing or empty person_id")],
              "rejects")


def test_account_rows_are_validated():
    write("a.csv", "account_id,name,domains\n"
                   "A1,Acme,acme.com\n"
                   "A1,Acme Copy,acmecopy.com\n"
                   ",No Id,noid.com\n"
                   "A2,\"Globex\",globex.io,extra\n"
                   "A3,Initech,initech.de\n")
    write("p.csv", "person_id,email\nP1,jane@acme.com\nP2,joe@acmecopy.com\nP3,x@initech.de\n")
    expect_rc(match("p.csv", "a.csv"), EXIT_REJECTS, "exit status")
    rows = output_rows()
    expect_eq([(r["person_id"], r["status"], r["account_id"]) for r in rows][0::2],
              [("P1", "matched", "A1"), ("P3", "matched", "A3")], "matches")
    expect(rows[1]["status"] != "matched" or rows[1]["account_id"] != "A1",
           "the rejected duplicate's domain is not A1's")
    rj = rejects()
    expect_eq([(r["source"], r["line"], r["reason"].split(" ")[0]) for r in rj],
              [("accounts", "3", "duplicate"), ("accounts", "4", "missing"),
               ("accounts", "5", "expected")], "account rejects")
    m = check_metrics(3, 0)
    expect_eq(m["accounts"], {"read": 5, "loaded": 2, "rejected": 3}, "accounts")


def test_empty_files_are_input_errors():
    write("empty.csv", "")
    write("p.csv", "person_id,email\nP1,jane@acme.com\n")
    proc = match("empty.csv")
    expect_rc(proc, EXIT_INPUT, "empty persons")
    expect(b"empty" in proc.stderr, proc.stderr)
    expect_rc(match("p.csv", "empty.csv"), EXIT_INPUT, "empty accounts")
    write("blank.csv", "\n\n\r\n")
    expect_rc(match("blank.csv"), EXIT_INPUT, "only blank lines")


def test_header_only_files():
    write("p.csv", "person_id,email\n")
    expect_rc(match("p.csv"), EXIT_OK, "header-only persons")
    expect_eq(open("out.csv").read(), ",".join(ALL_COLUMNS) + "\n", "header-only output")
    expect_eq(rejects(), [], "header-only reject file beside the output")
    check_metrics(0, 0)
    write("a.csv", "account_id,name,domains\n")
    write("p.csv", "person_id,email,company_name\nP1,jane@acme.com,Acme\nP2,,\n")
    expect_rc(match("p.csv", "a.csv"), EXIT_OK, "header-only accounts")
    expect_eq([(r["status"], r["account_id"]) for r in output_rows()],
              [("no_candidate", ""), ("anonymous", "")], "nothing to match against")
    expect_eq(read_json("m.json")["accounts"]["loaded"], 0, "accounts loaded")


def test_crlf_and_bom():
    with open(data("persons.csv"), "rb") as f:
        lf = f.read()
    with open(ACCOUNTS, "rb") as f:
        accounts = f.read()
    write("lf.csv", lf)
    write("crlf.csv", b"\xef\xbb\xbf" + lf.replace(b"\n", b"\r\n"))
    write("a.csv", b"\xef\xbb\xbf" + accounts.replace(b"\n", b"\r\n"))
    expect_rc(match("lf.csv"), EXIT_OK, "LF")
    base = open("out.csv", "rb").read()
    expect_rc(match("crlf.csv", "a.csv"), EXIT_OK, "CRLF + BOM")
    expect(open("out.csv", "rb").read() == base, "CRLF + BOM give the same output")


def test_quoted_newlines_and_physical_line_numbers():
    write("p.csv", "person_id,email,company_name\r\n"
                   "P1,jane@acme.com,\"Acme\r\nCorporation\"\r\n"
                   "\r\n"
                   "P2,\"bob@\nacme.com\",\"x\"\n"
                   "P3,\"bad\"x,y\n"
                   "P4,carl@globex.io,\"Globex, \"\"the\"\" one\"\n")
    expect_rc(match("p.csv"), EXIT_REJECTS, "exit status")
    rows = output_rows()
    expect_eq([r["person_id"] for r in rows], ["P1", "P2", "P4"], "rows")
    expect_eq((rows[0]["status"], rows[0]["account_id"]), ("matched", "A01"), "P1")
    expect_eq((rows[2]["status"], rows[2]["account_id"]), ("matched", "A02"), "P4")
    expect_eq([(r["line"], r["raw"]) for r in rejects()], [("7", 'P3,"bad"x,y')],
              "physical line of the reject")


def test_unterminated_quote_rejects_one_line_only():
    write("p.csv", "person_id,email,company_name\n"
                   "P1,jane@acme.com,Acme\n"
                   "P2,\"never closed,x\n"
                   "P3,bob@globex.io,Globex\n"
                   "P4,carl@initech.de,\n")
    expect_rc(match("p.csv"), EXIT_REJECTS, "exit status")
    expect_eq([(r["person_id"], r["account_id"]) for r in output_rows()],
              [("P1", "A01"), ("P3", "A02"), ("P4", "A03")], "rows after the bad quote")
    rj = rejects()
    expect_eq([(r["line"], r["raw"]) for r in rj], [("3", 'P2,"never closed,x')], "reject")
    expect("unterminated" in rj[0]["reason"], rj[0]["reason"])
    check_metrics(4, 1)


def test_huge_fields():
    huge = "x" * (10 << 20)
    write("p.csv", "person_id,email,company_name,notes\n"
                   f"P1,jane@acme.com,\"{huge}\",\n"
                   f"P2,bob@acme.com,Acme,{huge}\n"
                   "P3,carl@globex.io,,\n")
    expect_rc(match("p.csv"), EXIT_REJECTS, "exit status")
    expect_eq([r["person_id"] for r in output_rows()], ["P2", "P3"],
              "a huge unused field does not matter")
    rj = rejects()
    expect_eq(len(rj), 1, "one reject")
    expect_eq(rj[0]["reason"], "column company_name is longer than 65536 bytes", "reason")
    expect_eq(len(rj[0]["raw"]), len(huge) + len("P1,jane@acme.com,\"\","), "whole raw row")
    check_metrics(3, 1)


def rewrite_header(src, dst, renames):
    with open(src, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n", 1)
    header = ",".join(renames.get(c, c) for c in lines[0].split(","))
    write(dst, header + "\n" + lines[1])


def test_xdm_aliases():
    rewrite_header(ACCOUNTS, "a.csv", {"account_id": "b2b.accountKey.sourceKey",
                                       "name": "b2b.accountName"})
    rewrite_header(data("persons.csv"), "p.csv", {
        "person_id": "b2b.personKey.sourceKey", "email": "workEmail.address",
        "company_name": "b2b.companyName", "company_website": "b2b.companyWebsite"})
    expect_rc(match(data("persons.csv")), EXIT_OK, "canonical names")
    base = open("out.csv", "rb").read()
    expect_rc(match("p.csv", "a.csv"), EXIT_OK, "XDM names")
    expect(open("out.csv", "rb").read() == base, "XDM aliases give the same output")


def test_column_order_is_free_and_unknown_columns_are_ignored():
    for name, src in (("a.csv", ACCOUNTS), ("p.csv", data("persons.csv"))):
        with open(src, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        order = list(range(len(rows[0])))
        random.Random(7).shuffle(order)
        out = io.StringIO(newline="")
        w = csv.writer(out, lineterminator="\n")
        for i, r in enumerate(rows):
            w.writerow([r[j] for j in order] + (["Notes", "Extra"] if i == 0 else
                                                ["some, note", "\u00e9"]))
        write(name, out.getvalue())
    expect_rc(match(data("persons.csv")), EXIT_OK, "original")
    base = open("out.csv", "rb").read()
    expect_rc(match("p.csv", "a.csv"), EXIT_OK, "shuffled")
    expect(open("out.csv", "rb").read() == base, "shuffled columns give the same output")


def test_repeated_column_keeps_the_first_with_a_warning():
    write("p.csv", "person_id,email,EMAIL,b2b.personKey.sourceKey\n"
                   "P1,jane@acme.com,joe@globex.io,X1\n")
    proc = match("p.csv")
    expect_rc(proc, EXIT_OK, "exit status")
    expect(b"warning" in proc.stderr and b"EMAIL" in proc.stderr, proc.stderr)
    expect(b"b2b.personKey.sourceKey" in proc.stderr, proc.stderr)
    expect_eq([(r["person_id"], r["account_id"]) for r in output_rows()], [("P1", "A01")],
              "the first column is used")


def test_multi_valued_account_ids():
    write("p.csv", "person_id,email,account_ids\n"
                   "P1,jane@acme.com, A01 | A02 \n"
                   "P2,bob@acme.com,|\n"
                   "P3,,|  |\n")
    expect_rc(match("p.csv"), EXIT_OK, "exit status")
    expect_eq([(r["class"], r["status"]) for r in output_rows()],
              [("account", "skipped"), ("known", "matched"), ("anonymous", "anonymous")],
              "empty parts are no account ids")


def persons_with_rejects_between(copies):
    """The hand-written persons repeated under new ids (several blocks), a bad
    row after every fifth: invalid UTF-8, an empty id, the wrong number of
    fields and a repeated id in turn. Returns the clean and the dirty table,
    and the (line, reason) of each bad row."""
    lines = open(data("persons.csv"), "rb").read().splitlines()
    header, persons = lines[0], lines[1:]
    clean, dirty, bad = [header], [header], []
    for i in range(copies):
        for row in persons:
            pid, rest = row.split(b",", 1)
            row = pid + b"-%04d," % i + rest
            clean.append(row)
            dirty.append(row)
            if (len(clean) - 1) % 5:
                continue
            kind = (len(clean) - 1) // 5 % 4
            line = len(dirty) + 1
            if kind == 0:
                dirty.append(b"B%05d,Ann,Lee,\xff@acme.com,Acme,,,,,,," % line)
                bad.append((line, "invalid UTF-8 in column email"))
            elif kind == 1:
                dirty.append(b",Ann,Lee,ann@acme.com,Acme,,,,,,,")
                bad.append((line, "missing or empty person_id"))
            elif kind == 2:
                dirty.append(b"B%05d,Ann,Lee" % line)
                bad.append((line, "expected 12 fields as in the header, found 3"))
            else:
                dirty.append(row.split(b",", 1)[0] + b",Ann,Lee,ann@globex.io,,,,,,,,")
                bad.append((line, "duplicate person_id"))
    return b"\n".join(clean) + b"\n", b"\n".join(dirty) + b"\n", bad


def test_rejected_rows_between_good_ones_whatever_the_threads():
    clean, dirty, bad = persons_with_rejects_between(150)  # 5,400 rows: two blocks
    write("clean.csv", clean)
    write("dirty.csv", dirty)
    expect_rc(match("clean.csv", ACCOUNTS, "-j", "3"), EXIT_OK, "clean persons")
    clean_rows = output_rows()
    runs = []
    for n in (1, 3):
        expect_rc(match("dirty.csv", ACCOUNTS, "-j", n), EXIT_REJECTS, f"--threads {n}")
        runs.append((open("out.csv", "rb").read(), open("out.rejects.csv", "rb").read()))
        check_metrics(len(clean_rows) + len(bad), len(bad))
    expect(runs[0] == runs[1], "--threads 1 and 3 give byte-identical output and rejects")
    expect_eq(output_rows(), clean_rows, "the good rows as without the bad ones")
    expect_eq([r["person_id"] for r in output_rows(rejected=True)],
              ["B%05d" % line for line, why in bad if why.startswith("invalid UTF-8")],
              "a rejected row with an id of its own says so")
    expect_eq([(int(r["line"]), r["reason"]) for r in rejects()], bad, "rejects in input order")


if __name__ == "__main__":
    main([test_malformed_rows_are_rejected_and_the_job_goes_on,
          test_invalid_utf8_is_rejected_with_the_raw_bytes, test_missing_person_id_column_is_fatal,
          test_missing_account_id_column_is_fatal, test_duplicate_person_id, test_empty_person_id,
          test_account_rows_are_validated, test_empty_files_are_input_errors,
          test_header_only_files, test_crlf_and_bom, test_quoted_newlines_and_physical_line_numbers,
          test_unterminated_quote_rejects_one_line_only, test_huge_fields, test_xdm_aliases,
          test_column_order_is_free_and_unknown_columns_are_ignored,
          test_repeated_column_keeps_the_first_with_a_warning, test_multi_valued_account_ids,
          test_rejected_rows_between_good_ones_whatever_the_threads])
