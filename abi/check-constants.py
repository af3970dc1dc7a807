#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The values of l2a.h's constants never change: compare them with abi/constants.txt.

    check-constants.py --header include/l2a.h --baseline abi/constants.txt [--update] -- CC...

The functions of l2a.h take enum values as plain ints, so abidiff cannot see
them: this check compiles a program that prints every L2A_* enumerator and
numeric macro of the header, as the compiler sees them, and compares with
the committed list.
- A constant of the list that disappears or changes value fails the check.
- The counters (names ending in _COUNT or _END) may grow, never shrink: a
  new field or feature raises them.
- A constant that is not in the list yet passes with a note; --update adds
  it when the release is made.
Version macros (L2A_VERSION_*) change with every release and are left out.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

SKIP_NAMES = re.compile(r"^L2A_(API|H|VERSION_\w+)$")
GROWING = re.compile(r"_(COUNT|END)$")


def names_in(header):
    with open(header, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    names = re.findall(r"^\s*(L2A_[A-Z0-9_]+)\s*=", text, flags=re.M)
    names += re.findall(r"^\s*#\s*define\s+(L2A_[A-Z0-9_]+)[ \t]+\S", text, flags=re.M)
    seen = []
    for n in names:
        if not SKIP_NAMES.match(n) and n not in seen:
            seen.append(n)
    return seen


def values_of(names, header, cc):
    """{name: value} as compiled: a program that prints each constant."""
    # (size_t)-1 (L2A_NTS) is written -1, the same on every platform.
    lines = ["#include <stdio.h>", "#include <l2a.h>",
             "#define VALUE(x) ((size_t)(x) == (size_t)-1 ? -1LL : (long long)(x))",
             "int main(void)", "{"]
    for n in names:
        lines.append('    printf("%%s %%lld\\n", "%s", VALUE(%s));' % (n, n))
    lines += ["    return 0;", "}", ""]
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "constants.c")
        exe = os.path.join(tmp, "constants")
        with open(src, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        include = os.path.dirname(os.path.abspath(header))
        p = subprocess.run(cc + ["-I", include, "-o", exe, src], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, universal_newlines=True)
        if p.returncode != 0:
            sys.exit("check-constants: the constants program does not compile:\n" + p.stdout)
        out = subprocess.run([exe], stdout=subprocess.PIPE, universal_newlines=True,
                             check=True).stdout
    values = {}
    for line in out.splitlines():
        name, value = line.split()
        values[name] = int(value)
    return values


def read_baseline(path):
    values = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                name, value = line.split()
                values[name] = int(value)
    return values


def write_baseline(path, values):
    with open(path, "w", encoding="utf-8") as f:
        f.write("# The values of the constants of l2a.h, as the compiler sees them.\n"
                "# Checked by abi/check-constants.py; see docs/abi.md. Never edit a value:\n"
                "# add new constants with --update when a release is made.\n")
        for name, value in values.items():
            f.write("%s %d\n" % (name, value))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--header", required=True)
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("cc", nargs="+", help="the C compiler command")
    args = ap.parse_args()

    names = names_in(args.header)
    if len(names) < 10:
        sys.exit("check-constants: found only %d constants in %s" % (len(names), args.header))
    current = values_of(names, args.header, args.cc)

    if args.update:
        old = read_baseline(args.baseline) if os.path.exists(args.baseline) else {}
        merged = dict(old)
        merged.update(current)
        write_baseline(args.baseline, merged)
        print("wrote %s: %d constants (%d new)" % (args.baseline, len(merged),
                                                    len(set(merged) - set(old))))
        return 0

    baseline = read_baseline(args.baseline)
    status = 0
    for name, value in baseline.items():
        if name not in current:
            print("FAIL: %s is gone from l2a.h (it was %d)" % (name, value))
            status = 1
        elif GROWING.search(name):
            if current[name] < value:
                print("FAIL: %s shrank from %d to %d" % (name, value, current[name]))
                status = 1
        elif current[name] != value:
            print("FAIL: %s changed from %d to %d" % (name, value, current[name]))
            status = 1
    added = [n for n in current if n not in baseline]
    for name in added:
        print("note: new constant %s = %d (add it to %s with --update at the release)"
              % (name, current[name], args.baseline))
    if status == 0:
        print("ok: %d constants keep their values" % len(baseline))
    return status


if __name__ == "__main__":
    sys.exit(main())
