#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run match-one and compare its decisions with an expected file.

    check-match-one.py MATCH-ONE ACCOUNTS.csv EXPECTED

Reads the "person ID: ..." and "  status=... account=..." lines that
match-one prints, and checks the status and account id of every person the
expected file lists (see match-one.expected for its format). Scores are not
compared.
"""
import re
import subprocess
import sys


def main():
    exe, accounts, expected_path = sys.argv[1:4]
    proc = subprocess.run([exe, accounts], capture_output=True, text=True, encoding="utf-8")
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        print(f"FAIL: match-one exited with status {proc.returncode}")
        return 1

    got = {}
    person = None
    for line in proc.stdout.splitlines():
        m = re.match(r"person (\S+):", line)
        if m:
            person = m.group(1)
            continue
        m = re.match(r"\s+status=(\S+) .*\baccount=(\S+)", line)
        if m and person is not None:
            got[person] = (m.group(1), m.group(2))
            person = None

    failures = 0
    checked = 0
    with open(expected_path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            person, want_status, want_account = line.split()
            checked += 1
            if person not in got:
                print(f"FAIL {person}: not in the output of match-one")
                failures += 1
                continue
            status, account = got[person]
            if want_status.startswith("!"):
                status_ok = status != want_status[1:]
            else:
                status_ok = status == want_status
            account_ok = want_account == "*" or account == want_account
            if status_ok and account_ok:
                print(f"ok   {person}: {status} {account}")
            else:
                print(f"FAIL {person}: got {status} {account}, expected {want_status} {want_account}")
                failures += 1

    print(f"{checked - failures} passed, {failures} failed")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
