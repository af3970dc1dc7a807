# SPDX-License-Identifier: MIT
"""The Dask example (examples/dask) on a LocalCluster of 2 worker processes
gives exactly the single-process results.

Exits 77 (skipped) when the distributed package cannot be imported, neither
by this interpreter nor by the system's python3 (Debian: python3-distributed).
With L2A_SHARED_DATA pointing at the shared data, the real accounts and the
development persons are matched too.
"""

import collections
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.environ.get("L2A_SOURCE_ROOT") or os.path.normpath(
    os.path.join(HERE, "..", "..", ".."))
EXAMPLE_DIR = os.path.join(SOURCE_ROOT, "examples", "dask")
EXAMPLE_DATA = os.path.join(SOURCE_ROOT, "examples", "data")


def quiet_warnings():
    # Debian's tornado and distributed warn about each other's deprecations.
    import warnings
    warnings.filterwarnings("ignore", category=DeprecationWarning)


def find_interpreter():
    """True when this interpreter has distributed. Otherwise re-runs this
    file with the system's python3 (where distribution packages install) if
    that one has it, or returns False."""
    try:
        import distributed  # noqa: F401
        return True
    except ImportError:
        pass
    if os.environ.get("L2A_DASK_REEXEC"):
        return False
    for directory in os.defpath.split(os.pathsep):
        candidate = os.path.join(directory, "python3")
        if not os.access(candidate, os.X_OK):
            continue
        if os.path.realpath(candidate) == os.path.realpath(sys.executable):
            continue
        probe = subprocess.run([candidate, "-c", "import distributed"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if probe.returncode == 0:
            print("test_dask: running under %s, which has distributed" % candidate)
            sys.stdout.flush()
            os.environ["L2A_DASK_REEXEC"] = "1"
            os.execv(candidate, [candidate, os.path.abspath(__file__)] + sys.argv[1:])
    return False


def cells(value):
    return [v for v in value.split("|") if v] if value else []


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def reference_rows(accounts_path, persons_path, all_rows):
    """The single-process run: every person matched in order in this
    process, written as the example writes its rows, written here
    independently of the example's code."""
    import l2a

    with open(accounts_path, encoding="utf-8-sig", newline="") as f:
        accounts = list(csv.DictReader(f))
    with open(persons_path, encoding="utf-8-sig", newline="") as f:
        persons = list(csv.DictReader(f))
    rows = [["person_id", "class", "status", "account_id", "score", "method",
             "relationship_source"] if all_rows else
            ["person_id", "account_id", "score", "method", "relationship_source"]]
    with l2a.Matcher() as m:
        for a in accounts:
            m.add_account(a["account_id"], name=a.get("name") or None,
                          aliases=cells(a.get("aliases")), website=a.get("website") or None,
                          domains=cells(a.get("domains")), country=a.get("country") or None,
                          region=a.get("region") or None, city=a.get("city") or None,
                          postal_code=a.get("postal_code") or None,
                          phone=a.get("phone") or None, parent_id=a.get("parent_id") or None,
                          industry=a.get("industry") or None)
        m.build()
        for p in persons:
            r = m.match(p["person_id"], email=p.get("email") or None,
                        company_name=p.get("company_name") or None,
                        company_website=p.get("company_website") or None,
                        country=p.get("country") or None, region=p.get("region") or None,
                        city=p.get("city") or None, phone=p.get("phone") or None,
                        account_ids=cells(p.get("account_ids")))
            score = "%.4f" % r.score if r.account_id else ""
            if all_rows:
                rows.append([r.person_id, r.person_class or "", r.status, r.account_id or "",
                             score, r.method or "", "lead-to-account-matching"])
            elif r.status == "matched":
                rows.append([r.person_id, r.account_id, score, r.method,
                             "lead-to-account-matching"])
    return rows


class TestDask(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from distributed import Client, LocalCluster

        sys.path.insert(0, EXAMPLE_DIR)
        import l2a_dask

        cls.l2a_dask = l2a_dask
        cls.tmp = tempfile.mkdtemp(prefix="l2a-dask-")
        cls.cluster = LocalCluster(n_workers=2, threads_per_worker=2, processes=True,
                                   dashboard_address=None, local_directory=cls.tmp)
        cls.client = Client(cls.cluster)
        cls.client.upload_file(l2a_dask.__file__)
        cls.worker_pids = set(cls.client.run(os.getpid).values())
        cls.builds = collections.Counter()

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cluster.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_example(self, accounts, persons, name, all_rows, **split):
        out_dir = os.path.join(self.tmp, name)
        reports = self.l2a_dask.run(self.client, accounts, persons, out_dir,
                                    all_rows=all_rows, **split)
        # The files listed are the files written, one per partition, in order.
        names = sorted(n for n in os.listdir(out_dir) if n.startswith("part-"))
        self.assertEqual([os.path.basename(r["path"]) for r in reports], names)
        rows = []
        for i, report in enumerate(reports):
            part = read_rows(report["path"])
            self.assertEqual(len(part) - 1, report["rows"])
            if i == 0:
                rows.append(part[0])
            self.assertEqual(part[0], rows[0])  # every file has the header
            rows.extend(part[1:])
        return reports, rows

    def check_workers(self, reports, accounts):
        pids = {r["pid"] for r in reports}
        # Tasks ran in the worker processes, not here.
        self.assertTrue(pids <= self.worker_pids, (pids, self.worker_pids))
        self.assertNotIn(os.getpid(), pids)
        # One matcher per worker process: each process builds the matcher of
        # an accounts file once, and keeps it for later tasks and later jobs.
        for r in reports:
            if r["built"]:
                self.builds[(accounts, r["pid"])] += 1
        self.assertTrue(any(key[0] == accounts for key in self.builds))
        self.assertEqual(max(self.builds.values()), 1, self.builds)

    def test_example_data_all_rows(self):
        accounts = os.path.join(EXAMPLE_DATA, "accounts.csv")
        persons = os.path.join(EXAMPLE_DATA, "persons.csv")
        reports, rows = self.run_example(accounts, persons, "example-all", True, partitions=7)
        self.assertGreater(len(reports), 1)
        self.check_workers(reports, accounts)
        expected = reference_rows(accounts, persons, True)
        self.assertEqual(len(rows), len(expected))
        self.assertEqual(rows, expected)
        statuses = {}
        for r in reports:
            for status, n in r["statuses"].items():
                statuses[status] = statuses.get(status, 0) + n
        self.assertEqual(sum(statuses.values()), len(expected) - 1)
        self.assertGreater(statuses.get("matched", 0), 0)

    def test_example_data_matches_only(self):
        accounts = os.path.join(EXAMPLE_DATA, "accounts.csv")
        persons = os.path.join(EXAMPLE_DATA, "persons.csv")
        reports, rows = self.run_example(accounts, persons, "example-plain", False,
                                         partition_bytes=500)
        self.assertGreater(len(reports), 3)
        self.check_workers(reports, accounts)
        self.assertEqual(rows, reference_rows(accounts, persons, False))

    def test_quoted_newlines_and_partition_edges(self):
        # Cells with commas, quotes and line breaks must not be cut between
        # partitions, whatever the partition size.
        accounts = os.path.join(EXAMPLE_DATA, "accounts.csv")
        persons = os.path.join(self.tmp, "tricky-persons.csv")
        with open(persons, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(["person_id", "email", "company_name", "country"])
            for i in range(40):
                w.writerow(["t-%02d" % i, "user%d@acme.com" % i if i % 3 == 0 else "",
                            'Globex "Corp",\nPortland\r\nOregon' if i % 2 else "Initech",
                            "US"])
        for size in (1, 17, 64, 10 ** 6):
            reports, rows = self.run_example(accounts, persons, "tricky-%d" % size, True,
                                             partition_bytes=size)
            self.assertEqual(rows, reference_rows(accounts, persons, True), size)
            self.check_workers(reports, accounts)

    def test_shared_data(self):
        shared = os.environ.get("L2A_SHARED_DATA", "")
        accounts = os.path.join(shared, "l2a", "accounts.csv")
        persons = os.path.join(shared, "l2a", "dev", "persons.csv")
        if not shared or not os.path.isfile(accounts) or not os.path.isfile(persons):
            self.skipTest("no shared data (L2A_SHARED_DATA)")
        reports, rows = self.run_example(accounts, persons, "shared", True, partitions=8)
        self.check_workers(reports, accounts)
        expected = reference_rows(accounts, persons, True)
        self.assertEqual(len(rows), len(expected))
        self.assertEqual(rows, expected)


def main():
    if not find_interpreter():
        print("test_dask: skipped: the distributed package (Debian: python3-distributed) "
              "is not installed")
        return SKIP
    quiet_warnings()
    try:
        import l2a  # noqa: F401
    except ImportError as e:
        print("test_dask: cannot import the l2a binding: %s" % e)
        return 1
    program = unittest.main(module=__name__, exit=False, verbosity=2)
    result = program.result
    if not result.wasSuccessful():
        return 1
    if result.testsRun and len(result.skipped) == result.testsRun:
        return SKIP
    return 0


if __name__ == "__main__":
    sys.exit(main())
