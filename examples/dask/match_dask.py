#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Match a large persons file on a Dask distributed cluster.

    match_dask.py --accounts ACCOUNTS.csv --persons PERSONS.csv --output-dir DIR
                  [--scheduler ADDRESS | --workers N] [--threads-per-worker T]
                  [--partitions N | --partition-mb MB] [--all]
                  [--threshold P] [--model FILE] [--freemail FILE]

Without --scheduler it starts a local cluster of N worker processes (the
default: 2). Writes DIR/part-NNNNN.csv, one file per partition, in the
columns of `l2a match` (with --all, one row for every person), then lists
the files and the counts by status. With --scheduler the persons file and DIR
must be visible to every worker under the same path.

The accounts file is read here and shipped to the workers; each worker
process builds one matcher and uses it for all its partitions (see
l2a_dask.py and docs/distributed.md).
"""

import argparse
import collections
import sys

import l2a_dask


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--accounts", required=True, help="accounts CSV file")
    p.add_argument("--persons", required=True, help="persons CSV file")
    p.add_argument("--output-dir", required=True, help="directory for part-NNNNN.csv")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="address of a running Dask scheduler")
    where.add_argument("--workers", type=int, default=2,
                       help="worker processes of the local cluster (default 2)")
    p.add_argument("--threads-per-worker", type=int, default=1,
                   help="threads per local worker process (default 1)")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--partitions", type=int, help="number of partitions")
    size.add_argument("--partition-mb", type=float, help="partition size in MiB")
    p.add_argument("--all", action="store_true", help="one row for every person")
    p.add_argument("--threshold", type=float, help="decision threshold (0..1)")
    p.add_argument("--model", help="model file (default: the built-in model)")
    p.add_argument("--freemail", help="file of extra free-mail domains, one per line")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    from distributed import Client, LocalCluster

    freemail = []
    if args.freemail:
        with open(args.freemail, encoding="utf-8") as f:
            freemail = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    options = l2a_dask.job_options(args.threshold, args.model, freemail)
    partition_bytes = int(args.partition_mb * (1 << 20)) if args.partition_mb else None

    if args.scheduler:
        cluster = None
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=args.threads_per_worker,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        # Workers import the module that holds the task and the matcher cache.
        client.upload_file(l2a_dask.__file__)
        reports = l2a_dask.run(client, args.accounts, args.persons, args.output_dir,
                               partitions=args.partitions, partition_bytes=partition_bytes,
                               all_rows=args.all, options=options)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    statuses = collections.Counter()
    for r in reports:
        print("%s\t%d rows" % (r["path"], r["rows"]))
        statuses.update(r["statuses"])
    persons = sum(statuses.values())
    builds = sum(1 for r in reports if r["built"])
    print("%d persons in %d partitions, %d rows written, matcher built %d times"
          % (persons, len(reports), sum(r["rows"] for r in reports), builds), file=sys.stderr)
    for status, n in sorted(statuses.items()):
        print("  %-16s %d" % (status, n), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
