# SPDX-License-Identifier: MIT
"""Lead-to-account matching on a Dask distributed cluster.

The pattern (docs/distributed.md explains it, and the same on Spark and Ray):

1. The driver reads the accounts file once and ships its bytes to every
   worker (client.scatter with broadcast=True).
2. Each worker process turns those bytes into one built l2a.Matcher, the
   first time a task needs it, and keeps it for every later task of the job
   (a module-level cache keyed by the SHA-256 of what was shipped). A
   matcher is safe to share between the threads of a worker.
3. The driver splits the persons file into byte ranges that start and end on
   CSV record boundaries; one task per range reads its range, matches it and
   writes one output file per partition (atomically: a retried task cannot
   leave half a file).
4. The driver gathers what each task wrote and lists the files.

This module holds both sides. Workers import it (match_dask.py ships it with
client.upload_file), so that the cache lives in a real module and survives
from one task to the next. The workers need libl2a and the l2a Python package
installed, like any other dependency of the job.
"""

import collections
import csv
import hashlib
import io
import os
import threading
import uuid

import l2a

RELATIONSHIP_SOURCE = "lead-to-account-matching"

# CSV columns, as the l2a command reads them (XDM names are accepted too).
ACCOUNT_COLUMNS = {
    "account_id": "id", "b2b.accountKey.sourceKey": "id",
    "name": "name", "b2b.accountName": "name",
    "aliases": "aliases", "website": "website", "domains": "domains",
    "country": "country", "region": "region", "city": "city",
    "postal_code": "postal_code", "phone": "phone", "parent_id": "parent_id",
    "industry": "industry",
}
PERSON_COLUMNS = {
    "person_id": "person_id", "b2b.personKey.sourceKey": "person_id",
    "email": "email", "workEmail.address": "email",
    "company_name": "company_name", "b2b.companyName": "company_name",
    "company_website": "company_website", "b2b.companyWebsite": "company_website",
    "first_name": "first_name", "last_name": "last_name", "title": "title",
    "phone": "phone", "country": "country", "region": "region", "city": "city",
    "account_ids": "account_ids",
}
MULTI_VALUED = {"aliases", "domains", "account_ids"}

PLAIN_HEADER = ["person_id", "account_id", "score", "method", "relationship_source"]
ALL_HEADER = ["person_id", "class", "status", "account_id", "score", "method",
              "relationship_source"]


def row_arguments(header, row, columns):
    """Keyword arguments for Matcher.add_account or Matcher.match from one CSV
    row: known columns only, empty cells left out, multi-valued cells split on '|'."""
    out = {}
    for name, cell in zip(header, row):
        key = columns.get(name)
        if key is None or cell == "":
            continue
        if key in MULTI_VALUED:
            out[key] = [v for v in cell.split("|") if v]
        else:
            out[key] = cell
    return out


def read_csv_text(text):
    """(header, rows) of CSV text."""
    rows = csv.reader(io.StringIO(text, newline=""))
    return next(rows, []), rows


# ---------------------------------------------------------------------------
# What is shipped, and how a worker turns it into a matcher.

def matcher_from_accounts(payload, options):
    """A built matcher from the bytes of an accounts CSV file."""
    matcher = l2a.Matcher(model=options.get("model"), threshold=options.get("threshold"),
                          freemail=options.get("freemail"))
    header, rows = read_csv_text(payload.decode("utf-8-sig"))
    matcher.add_accounts(row_arguments(header, row, ACCOUNT_COLUMNS) for row in rows)
    return matcher.build()


def build_matcher(payload, options):
    """Turn what the driver shipped into a built matcher.

    Today the payload is the accounts file and every worker builds the index
    itself. Once libl2a can save a built matcher to a snapshot file and open
    it again, the driver ships the snapshot instead and this function becomes
    the one line that opens it.
    """
    return matcher_from_accounts(payload, options)


# The per-process cache: one matcher per shipped payload (and options). A
# few are kept so that a long-lived worker serving jobs with different
# account files does not rebuild on every switch, nor keep them all.
_CACHE_SIZE = 2
_matchers = collections.OrderedDict()
_lock = threading.Lock()
_builds = 0


def worker_matcher(key, payload, options):
    """This process's matcher for key; builds it on first use.

    Returns (matcher, built_now). The lock makes the threads of one worker
    wait for a single build instead of each starting their own.
    """
    global _builds
    with _lock:
        matcher = _matchers.get(key)
        if matcher is not None:
            _matchers.move_to_end(key)
            return matcher, False
        matcher = build_matcher(payload, options)
        _matchers[key] = matcher
        while len(_matchers) > _CACHE_SIZE:
            _matchers.popitem(last=False)  # freed once no task holds it
        _builds += 1
        return matcher, True


# ---------------------------------------------------------------------------
# Partitions.

_BLOCK = 1 << 20


def _record_end(f, start, at):
    """The offset just past the first CSV record that ends at or after `at`,
    scanning from `start`, which must be a record start. A newline ends a
    record when the number of quotes since `start` is even (RFC 4180 escapes
    a quote by doubling it, which keeps the parity). Returns the file size
    when the file ends first."""
    f.seek(start)
    pos, odd = start, 0
    while pos < at:
        chunk = f.read(min(_BLOCK, at - pos))
        if not chunk:
            return pos
        odd ^= chunk.count(b'"') & 1
        pos += len(chunk)
    while True:
        chunk = f.read(_BLOCK)
        if not chunk:
            return pos
        i = 0
        while True:
            nl = chunk.find(b"\n", i)
            if nl < 0:
                odd ^= chunk.count(b'"', i) & 1
                break
            odd ^= chunk.count(b'"', i, nl) & 1
            if not odd:
                return pos + nl + 1
            i = nl + 1
        pos += len(chunk)


def split_csv(path, partitions=None, partition_bytes=None):
    """Split a CSV file into record-aligned byte ranges.

    Returns (header, [(start, end), ...]); the ranges cover every record
    after the header, in order. Give either the number of partitions wanted
    or their size in bytes. The driver reads the file once, counting quotes.
    """
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        header_end = _record_end(f, 0, 0)
        f.seek(0)
        header, _ = read_csv_text(f.read(header_end).decode("utf-8-sig"))
        data = size - header_end
        if partition_bytes is None:
            partition_bytes = -(-data // max(1, partitions or 1))
        partition_bytes = max(1, int(partition_bytes))
        ranges = []
        start = header_end
        while start < size:
            end = _record_end(f, start, start + partition_bytes)
            ranges.append((start, end))
            start = end
    return header, ranges


def _format_score(score):
    return "%.4f" % score


def result_row(result, all_rows):
    """The output row of one result, in the l2a command's columns; None when
    the person is not written (only matches are, without all_rows)."""
    has_candidate = result.account_id is not None
    score = _format_score(result.score) if has_candidate else ""
    if all_rows:
        return [result.person_id or "", result.person_class or "", result.status,
                result.account_id or "", score, result.method or "", RELATIONSHIP_SOURCE]
    if not result.matched:
        return None
    return [result.person_id or "", result.account_id, score, result.method or "",
            RELATIONSHIP_SOURCE]


def match_rows(matcher, header, rows, out, all_rows):
    """Match CSV rows and write the output rows to the csv writer out.
    Returns (rows written, Counter of statuses)."""
    statuses = collections.Counter()
    written = 0
    persons = (row_arguments(header, row, PERSON_COLUMNS) for row in rows)
    for result in matcher.match_many(persons, on_error="reject"):
        statuses[result.status] += 1
        row = result_row(result, all_rows)
        if row is not None:
            out.writerow(row)
            written += 1
    return written, statuses


def match_partition(payload, key, options, persons_path, start, end, header, out_path,
                    all_rows):
    """One task: match the persons in [start, end) of persons_path and write
    them to out_path. Runs on a worker."""
    matcher, built_now = worker_matcher(key, payload, options)
    with open(persons_path, "rb") as f:
        f.seek(start)
        text = f.read(end - start).decode("utf-8")
    rows = csv.reader(io.StringIO(text, newline=""))
    tmp = "%s.tmp-%s" % (out_path, uuid.uuid4().hex)
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            out = csv.writer(f, lineterminator="\n")
            out.writerow(ALL_HEADER if all_rows else PLAIN_HEADER)
            written, statuses = match_rows(matcher, header, rows, out, all_rows)
        os.replace(tmp, out_path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return {"path": out_path, "rows": written, "statuses": dict(statuses),
            "pid": os.getpid(), "built": built_now}


# ---------------------------------------------------------------------------
# The driver.

def job_options(threshold=None, model=None, freemail=()):
    """Matcher options that travel with the payload. The model file is read
    here, on the driver, and shipped as text."""
    options = {"threshold": threshold, "freemail": list(freemail)}
    if model is not None:
        with open(model, "rb") as f:
            options["model"] = f.read()
    return options


def payload_key(payload, options):
    digest = hashlib.sha256(payload)
    digest.update(repr(sorted(options.items())).encode("utf-8"))
    return digest.hexdigest()


def run(client, accounts_path, persons_path, output_dir, partitions=None,
        partition_bytes=None, all_rows=False, options=None):
    """Match persons_path against accounts_path on the cluster of client.

    Writes output_dir/part-NNNNN.csv, one per partition, and returns the
    task reports in partition order (dicts with path, rows, statuses, pid,
    built). persons_path and output_dir must be reachable by the workers
    under the same names (a shared or network file system).
    """
    options = options or {}
    persons_path = os.path.abspath(persons_path)
    output_dir = os.path.abspath(output_dir)
    os.makedirs(output_dir, exist_ok=True)
    # Partition files of an earlier run would be mistaken for this one's.
    for name in os.listdir(output_dir):
        if name.startswith("part-") and ".csv" in name:
            os.unlink(os.path.join(output_dir, name))
    with open(accounts_path, "rb") as f:
        payload = f.read()
    key = payload_key(payload, options)
    if partitions is None and partition_bytes is None:
        partitions = 4 * max(1, len(client.scheduler_info().get("workers", {})))
    header, ranges = split_csv(persons_path, partitions, partition_bytes)

    # Ship the payload to every worker once; tasks get it as an argument,
    # already in the worker's memory.
    shipped = client.scatter(payload, broadcast=True, hash=False)
    run_id = uuid.uuid4().hex[:8]
    futures = [
        client.submit(match_partition, shipped, key, options, persons_path, start, end,
                      header, os.path.join(output_dir, "part-%05d.csv" % i), all_rows,
                      key="l2a-match-%s-%05d" % (run_id, i), retries=2)
        for i, (start, end) in enumerate(ranges)
    ]
    try:
        return client.gather(futures)
    finally:
        client.cancel(futures + [shipped])
