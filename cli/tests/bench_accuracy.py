# SPDX-License-Identifier: MIT
"""The accuracy benchmark: `l2a eval` with the built-in model on the shared
dev set must meet the targets docs/accuracy.md reports (precision >= 0.99,
recall >= 0.95, expected calibration error <= 0.02, F1 above each of the
three baselines). Prints the report; exit 0 when every target is met, 1
when one is missed, 77 when the shared data is absent."""
import os
import subprocess
import sys

SKIP = 77
TARGETS = ["--require-precision", "0.99", "--require-recall", "0.95", "--require-ece", "0.02",
           "--require-beat-baselines"]


def main():
    exe = os.path.abspath(sys.argv[1])
    shared = os.environ.get("L2A_SHARED_DATA", "")
    data = os.path.join(shared, "l2a")
    paths = [os.path.join(data, "accounts.csv"), os.path.join(data, "dev", "persons.csv"),
             os.path.join(data, "dev", "truth.csv")]
    if not shared or not all(os.path.isfile(p) for p in paths):
        print(f"shared data not found (L2A_SHARED_DATA={shared!r}): skipped")
        return SKIP
    proc = subprocess.run([exe, "eval", "-a", paths[0], "-p", paths[1], "--truth", paths[2],
                           "--title", "Dev set, built-in model", "-q", *TARGETS],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sys.stdout.write(proc.stdout)
    sys.stdout.write(proc.stderr)
    if proc.returncode == 6:
        print("accuracy-dev: a target was missed")
        return 1
    if proc.returncode != 0:
        print(f"accuracy-dev: l2a eval failed with exit status {proc.returncode}")
        return 1
    print("accuracy-dev: every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
