#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The ABI guard: compare the built libl2a with the committed baseline.

    check-abi.py --baseline abi/libl2a.abi --headers include LIBRARY
    check-abi.py --update --baseline abi/libl2a.abi --headers include LIBRARY

The baseline is libabigail's ABIXML of the last released ABI (abidw). The
check runs abidiff and
- fails on an incompatible change (a function or variable removed, a symbol
  version dropped: abidiff's ABIDIFF_ABI_INCOMPATIBLE_CHANGE bit);
- fails on any change to an existing function or type that abidiff reports
  (ABIDIFF_ABI_CHANGE with nothing added): an existing interface may not
  change within a soname (docs/abi.md);
- passes, with a note, when the only changes are additions: new functions
  belong in a new version node of src/libl2a.sym, and the baseline is
  refreshed with --update when the release is made;
- is skipped (exit 77) without abidiff/abidw (Debian: abigail-tools), or
  when the library is built for another architecture than the baseline's.

--update rewrites the baseline from LIBRARY. The baseline holds no path,
line number or build directory, so it only changes when the ABI does.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77

# abidiff's exit status is a bit field (abidiff(1)).
ABIDIFF_ERROR = 1
ABIDIFF_USAGE_ERROR = 2
ABIDIFF_ABI_CHANGE = 4
ABIDIFF_ABI_INCOMPATIBLE_CHANGE = 8

ABIDW_FLAGS = [
    "--drop-private-types",        # opaque handles stay opaque
    "--exported-interfaces-only",  # only what libl2a.sym exports
    "--no-corpus-path",            # no build directory in the file
    "--no-comp-dir-path",
    "--no-show-locs",              # no source file names or line numbers
    "--no-elf-needed",             # ICU's soname differs between distributions
    "--type-id-style", "hash",     # ids that do not depend on reading order
]


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True)
    return p.returncode, p.stdout


def dump(abidw, library, headers, out):
    rc, text = run([abidw, "--headers-dir", headers] + ABIDW_FLAGS +
                   ["--out-file", out, library])
    if rc != 0:
        sys.exit("check-abi: abidw failed (%d):\n%s" % (rc, text))


def corpus_attribute(path, name):
    with open(path, encoding="utf-8") as f:
        head = f.read(4096)
    m = re.search(r"<abi-corpus\b[^>]*\b%s='([^']*)'" % name, head)
    return m.group(1) if m else None


def count_functions(path):
    with open(path, encoding="utf-8") as f:
        return f.read().count("<function-decl ")


def abidiff(tool, headers, old, new, *extra):
    return run([tool, "--headers-dir1", headers, "--headers-dir2", headers] + list(extra) +
               [old, new])


def self_test(tool, headers, baseline, tmp):
    """abidiff must call a removed function incompatible: remove one from a
    copy of the baseline and compare. This keeps the bit logic below honest
    with whatever libabigail version is installed."""
    with open(baseline, encoding="utf-8") as f:
        text = f.read()
    symbol = "l2a_version"
    cut = re.sub(r"\s*<elf-symbol name='%s' [^>]*/>" % symbol, "", text)
    cut = re.sub(r"\s*<function-decl name='%s' .*?</function-decl>" % symbol, "", cut,
                 flags=re.S)
    if cut == text:
        sys.exit("check-abi: self-test: %s is not in the baseline" % symbol)
    mutated = os.path.join(tmp, "mutated.abi")
    with open(mutated, "w", encoding="utf-8") as f:
        f.write(cut)
    rc, out = abidiff(tool, headers, baseline, mutated)
    if not rc & ABIDIFF_ABI_INCOMPATIBLE_CHANGE:
        sys.exit("check-abi: self-test: abidiff did not flag a removed function "
                 "(exit %d):\n%s" % (rc, out))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--headers", required=True, help="directory of the public header")
    ap.add_argument("--update", action="store_true", help="rewrite the baseline")
    ap.add_argument("library")
    args = ap.parse_args()

    abidw = shutil.which("abidw")
    tool = shutil.which("abidiff")
    if not abidw or not tool:
        print("SKIP: abidw/abidiff not found (Debian package: abigail-tools)")
        return SKIP

    with tempfile.TemporaryDirectory() as tmp:
        current = os.path.join(tmp, "current.abi")
        dump(abidw, args.library, args.headers, current)

        if args.update:
            if count_functions(current) == 0:
                sys.exit("check-abi: %s has no debug information; build with -g "
                         "(buildtype debug or debugoptimized) to write a baseline" % args.library)
            with open(current, encoding="utf-8") as f:
                text = f.read()
            # Translation units by file name only: where the build directory
            # was does not belong in the baseline.
            text = re.sub(r"(<abi-instr [^>]*\bpath=')[^']*/([^'/]*')", r"\1\2", text)
            with open(args.baseline, "w", encoding="utf-8") as f:
                f.write(text)
            print("wrote %s: soname %s, %s, %d functions" % (
                args.baseline, corpus_attribute(current, "soname"),
                corpus_attribute(current, "architecture"), count_functions(current)))
            return 0

        if not os.path.isfile(args.baseline):
            sys.exit("check-abi: no baseline at %s (write one with --update)" % args.baseline)
        base_arch = corpus_attribute(args.baseline, "architecture")
        arch = corpus_attribute(current, "architecture")
        if base_arch != arch:
            print("SKIP: the baseline is for %s, this library is %s" % (base_arch, arch))
            return SKIP
        base_soname = corpus_attribute(args.baseline, "soname")
        soname = corpus_attribute(current, "soname")
        if base_soname != soname:
            print("FAIL: soname %s, baseline %s: a new major version needs a new "
                  "baseline (docs/abi.md)" % (soname, base_soname))
            return 1

        self_test(tool, args.headers, args.baseline, tmp)

        if count_functions(current) == 0:
            print("note: %s has no debug information: only symbols are compared, not "
                  "types (build with -g for the full check)" % args.library)

        rc, report = abidiff(tool, args.headers, args.baseline, args.library)
        print(report.rstrip())
        if rc & (ABIDIFF_ERROR | ABIDIFF_USAGE_ERROR):
            print("FAIL: abidiff could not compare (exit %d)" % rc)
            return 1
        if rc & ABIDIFF_ABI_INCOMPATIBLE_CHANGE:
            print("FAIL: incompatible ABI change against %s" % args.baseline)
            return 1
        if rc & ABIDIFF_ABI_CHANGE:
            rc2, changes = abidiff(tool, args.headers, args.baseline, args.library,
                                   "--no-added-syms")
            if rc2 & (ABIDIFF_ABI_CHANGE | ABIDIFF_ABI_INCOMPATIBLE_CHANGE |
                      ABIDIFF_ERROR | ABIDIFF_USAGE_ERROR):
                print("FAIL: an existing interface changed (see above); within a soname "
                      "only additions are allowed (docs/abi.md)")
                return 1
            print("note: interfaces were added (compatible). Give them a new version node "
                  "in src/libl2a.sym and refresh %s when the release is made "
                  "(docs/abi.md)." % args.baseline)
            return 0
        print("ok: the ABI of %s matches %s" % (os.path.basename(args.library), args.baseline))
        return 0


if __name__ == "__main__":
    sys.exit(main())
