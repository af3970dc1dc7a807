# SPDX-License-Identifier: MIT
"""Output files appear whole or not at all; where the reject file goes;
write errors are reported."""
import csv
import io
import os
import stat
import signal
import subprocess
import time

from clitest import (EXE, EXIT_OK, EXIT_OUTPUT, EXIT_REJECTS, Skip, csv_dicts, data, expect,
                     expect_eq, expect_rc, l2a, main, read_json, temp_files_in, write)

ACCOUNTS = data("accounts.csv")
PERSONS = data("persons.csv")


def test_output_in_a_missing_folder():
    proc = l2a("match", "-a", ACCOUNTS, "-p", PERSONS, "-q", "-o", "nowhere/out.csv")
    expect_rc(proc, EXIT_OUTPUT, "missing folder")
    expect(b"nowhere/out.csv" in proc.stderr, proc.stderr)
    proc = l2a("match", "-a", ACCOUNTS, "-p", PERSONS, "-q", "-o", "out.csv",
               "--metrics", "nowhere/m.json")
    expect_rc(proc, EXIT_OUTPUT, "metrics in a missing folder")
    expect(not os.path.exists("out.csv"), "nothing written when an output cannot be")
    expect_eq(sorted(os.listdir(".")), [], "folder left empty")


def test_write_error_is_reported():
    if not os.path.exists("/dev/full"):
        raise Skip("no /dev/full")
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([EXE, "match", "-a", ACCOUNTS, "-p", PERSONS, "-q", "--all",
                               "--metrics", "m.json"], stdout=full, stderr=subprocess.PIPE)
    expect_rc(proc, EXIT_OUTPUT, "stdout on a full device")
    m = read_json("m.json")
    expect_eq((m["status"], m["exit_code"]), ("failed", EXIT_OUTPUT), "metrics")


def test_default_reject_file_paths():
    write("p.csv", "person_id,email\nP1,jane@acme.com\nP2\n")
    os.mkdir("o")
    proc = l2a("match", "-a", ACCOUNTS, "-p", "p.csv", "-q", "-o", "o/result.csv")
    expect_rc(proc, EXIT_REJECTS, "rejects")
    expect_eq(sorted(os.listdir("o")), ["result.csv", "result.rejects.csv"], "beside the output")
    proc = l2a("match", "-a", ACCOUNTS, "-p", "p.csv", "-q", "-o", "o/r.jsonl")
    expect(os.path.exists("o/r.rejects.csv"), "JSONL output's reject file")
    proc = l2a("match", "-a", ACCOUNTS, "-p", PERSONS, "-q")
    expect_rc(proc, EXIT_OK, "stdout, nothing rejected")
    expect(not os.path.exists("l2a-rejects.csv"), "no reject file in the current folder")
    proc = l2a("match", "-a", ACCOUNTS, "-p", "p.csv", "-q")
    expect_rc(proc, EXIT_REJECTS, "stdout with rejects")
    _, rows = csv_dicts(open("l2a-rejects.csv", "rb").read())
    expect_eq([(r["line"], r["raw"]) for r in rows], [("3", "P2")], "l2a-rejects.csv")
    proc = l2a("match", "-a", ACCOUNTS, "-p", PERSONS, "-q", "--rejects", "mine.csv")
    expect_rc(proc, EXIT_OK, "explicit reject file")
    expect_eq(open("mine.csv").read(), "source,line,reason,raw\n", "explicit, header only")


def test_failed_job_leaves_previous_files():
    write("out.csv", "old output\n")
    write("out.rejects.csv", "old rejects\n")
    write("m.json", "{}\n")
    proc = l2a("match", "-a", ACCOUNTS, "-p", "missing.csv", "-q", "-o", "out.csv",
               "--metrics", "m.json")
    expect_rc(proc, 3, "unreadable persons")
    expect_eq(open("out.csv").read(), "old output\n", "output untouched")
    expect_eq(open("out.rejects.csv").read(), "old rejects\n", "rejects untouched")
    expect_eq(read_json("m.json")["status"], "failed", "metrics say the job failed")
    expect_eq(temp_files_in("."), [], "temporary files")


def test_new_files_get_the_usual_mode():
    old = os.umask(0o027)
    try:
        proc = l2a("match", "-a", ACCOUNTS, "-p", PERSONS, "-q", "-o", "out.csv",
                   "--metrics", "m.json")
    finally:
        os.umask(old)
    expect_rc(proc, EXIT_OK, "match")
    for name in ("out.csv", "out.rejects.csv", "m.json"):
        expect_eq(oct(os.stat(name).st_mode & 0o777), oct(0o640), f"mode of {name}")


def big_persons(path, copies):
    with open(PERSONS, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(rows[0])
        for i in range(copies):
            for r in rows[1:]:
                w.writerow([f"{r[0]}-{i}"] + r[1:])
    return copies * (len(rows) - 1)


def test_killed_job_leaves_no_partial_output():
    total = big_persons("big.csv", 20000)
    outcomes = set()
    for delay in (0.3, 0.8):
        for name in ("out.csv", "m.json"):
            if os.path.exists(name):
                os.remove(name)
        proc = subprocess.Popen([EXE, "match", "-a", ACCOUNTS, "-p", "big.csv", "--all", "-q",
                                 "-j", "1", "-o", "out.csv", "--metrics", "m.json"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(timeout=600)
        expect_eq(temp_files_in("."), [], "temporary files after SIGTERM")
        if rc == -signal.SIGTERM:
            outcomes.add("killed")
            expect(not os.path.exists("out.csv"), "no output under the final name")
            expect(not os.path.exists("m.json"), "no metrics under the final name")
        else:
            outcomes.add("finished")
            expect_eq(rc, EXIT_OK, "a job that finished first")
            with open("out.csv", "rb") as f:
                expect_eq(sum(1 for _ in f), total + 1, "a finished output is complete")
    expect("killed" in outcomes, f"the job was never interrupted ({outcomes}); a faster "
           "machine needs a bigger input here")


def test_devices_are_written_in_place():
    # Renaming a temporary file over /dev/null would replace the device for everyone.
    before = os.stat("/dev/null")
    expect(stat.S_ISCHR(before.st_mode), "/dev/null is a character device to begin with")
    expect_rc(l2a("match", "--accounts", data("accounts.csv"), "--persons", data("persons.csv"),
                  "--output", "/dev/null", "--metrics", "m.json", "-q"), EXIT_OK, "output to /dev/null")
    after = os.stat("/dev/null")
    expect(stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev, "/dev/null is still the device")
    expect(not os.path.exists("/dev/null.rejects.csv"), "no reject file beside a device")
    expect(os.path.exists("m.json"), "the metrics file is written as usual")


if __name__ == "__main__":
    main([test_output_in_a_missing_folder, test_write_error_is_reported,
          test_default_reject_file_paths, test_failed_job_leaves_previous_files,
          test_new_files_get_the_usual_mode, test_killed_job_leaves_no_partial_output,
          test_devices_are_written_in_place])
