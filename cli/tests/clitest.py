# SPDX-License-Identifier: MIT
"""A small harness for the l2a command-line tests (Python 3 stdlib only).

Each test script is run as `python3 SCRIPT L2A_EXECUTABLE DATA_DIR` and
calls main() with its test functions. Every test runs in a fresh temporary
folder (the current directory while it runs). Exit status: 0 all passed,
1 some failed, 77 all skipped.
"""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import traceback

EXE = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else "l2a"
DATA = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else "."
SKIP = 77
csv.field_size_limit(sys.maxsize)

OUTPUT_COLUMNS = ["person_id", "account_id", "score", "method", "relationship_source"]
ALL_COLUMNS = ["person_id", "class", "status", "account_id", "score", "method",
               "relationship_source"]
EXPLAIN_COLUMNS = ["runner_up_id", "runner_up_score", "reasons"]
REJECT_COLUMNS = ["source", "line", "reason", "raw"]
RELATIONSHIP_SOURCE = "lead-to-account-matching"
EXIT_OK, EXIT_REJECTS, EXIT_USAGE, EXIT_INPUT, EXIT_OUTPUT, EXIT_INTERNAL = range(6)


class Failure(Exception):
    pass


class Skip(Exception):
    pass


def expect(cond, message):
    if not cond:
        raise Failure(message)


def expect_eq(actual, expected, what):
    if actual != expected:
        raise Failure(f"{what}: expected {expected!r}, got {actual!r}")


def data(name):
    return os.path.join(DATA, name)


def l2a(*args, stdin=None, env=None, timeout=600):
    """Run l2a; returns the CompletedProcess (stdout/stderr as bytes)."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    return subprocess.run([EXE, *map(str, args)], input=stdin, capture_output=True,
                          env=full_env, timeout=timeout)


def expect_rc(proc, rc, what):
    if proc.returncode != rc:
        raise Failure(f"{what}: exit status {proc.returncode}, expected {rc}; stderr: "
                      f"{proc.stderr.decode('utf-8', 'replace')[-2000:]}")


def parse_csv(data_bytes):
    """Header and rows (lists) of CSV text given as bytes."""
    # Reject files keep invalid bytes of the input as they were.
    text = data_bytes.decode("utf-8", "surrogateescape")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        return [], []
    return rows[0], rows[1:]


def read_csv(path):
    with open(path, "rb") as f:
        return parse_csv(f.read())


def csv_dicts(data_bytes):
    header, rows = parse_csv(data_bytes)
    for r in rows:
        expect(len(r) == len(header), f"row {r!r} has {len(r)} fields, header {len(header)}")
    return header, [dict(zip(header, r)) for r in rows]


def read_json(path):
    with open(path, "rb") as f:
        return json.load(f)


def write(path, content):
    mode = "wb" if isinstance(content, bytes) else "w"
    kwargs = {} if isinstance(content, bytes) else {"encoding": "utf-8", "newline": ""}
    with open(path, mode, **kwargs) as f:
        f.write(content)
    return path


SCORE_RE = re.compile(r"^(0\.\d{4}|1\.0000)$")


def check_score(text, what):
    expect(SCORE_RE.match(text) is not None, f"{what}: score {text!r} is not 0..1 with 4 decimals")
    value = float(text)
    expect(0.0 <= value <= 1.0, f"{what}: score {value} outside [0, 1]")
    return value


def check_output_row(row, all_columns, what):
    """Rules every output row follows whatever the model."""
    expect_eq(row["relationship_source"], RELATIONSHIP_SOURCE, f"{what} relationship_source")
    has_account = row["account_id"] != ""
    expect(has_account == (row["score"] != ""), f"{what}: account_id and score go together")
    expect(has_account == (row["method"] != ""), f"{what}: account_id and method go together")
    if has_account:
        check_score(row["score"], what)
        expect(row["method"] in ("domain", "website", "name", "alias"),
               f"{what}: unknown method {row['method']!r}")
    if all_columns:
        expect(row["class"] in ("account", "known", "anonymous", ""), f"{what}: class {row['class']!r}")
        statuses = {"account": {"skipped"}, "anonymous": {"anonymous"},
                    "known": {"matched", "below_threshold", "no_candidate", "ambiguous"},
                    "": {"rejected"}}  # a rejected person: its line is in the reject file
        expect(row["status"] in statuses[row["class"]],
               f"{what}: status {row['status']!r} with class {row['class']!r}")
        expect((row["status"] == "no_candidate") <= (not has_account),
               f"{what}: no_candidate with an account")
        expect((row["status"] in ("matched", "below_threshold", "ambiguous")) <= has_account,
               f"{what}: status {row['status']} without an account")


def metrics_identity(m):
    p = m["persons"]
    u = p["unmatched"]
    return p["read"] == (p["matched"] + u["below_threshold"] + u["no_candidate"] + u["ambiguous"]
                         + p["account_persons_skipped"] + p["anonymous"] + p["rejected"])


def temp_files_in(folder):
    return [n for n in os.listdir(folder) if ".tmp-" in n]


def main(tests):
    failed = skipped = 0
    for test in tests:
        with tempfile.TemporaryDirectory(prefix="l2a-cli-") as tmp:
            old = os.getcwd()
            os.chdir(tmp)
            try:
                test()
                print(f"PASS {test.__name__}")
            except Skip as e:
                skipped += 1
                print(f"SKIP {test.__name__}: {e}")
            except Failure as e:
                failed += 1
                print(f"FAIL {test.__name__}: {e}")
            except Exception:
                failed += 1
                print(f"FAIL {test.__name__}: unexpected error")
                traceback.print_exc(file=sys.stdout)
            finally:
                os.chdir(old)
    if failed:
        sys.exit(1)
    sys.exit(SKIP if skipped == len(tests) else 0)
