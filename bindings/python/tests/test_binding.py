# SPDX-License-Identifier: MIT
"""Tests of the l2a Python binding (stdlib unittest).

Run by `meson test --suite python`, which sets PYTHONPATH to the binding and
L2A_LIBRARY to the freshly built libl2a; L2A_CLI (when the l2a program is
built) enables the cross-check against the command-line tool.
"""

import csv
import dataclasses
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

import l2a

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.environ.get("L2A_SOURCE_ROOT") or os.path.normpath(
    os.path.join(HERE, "..", "..", ".."))
BINDING_DIR = os.path.normpath(os.path.join(HERE, ".."))
EXAMPLE_DATA = os.path.join(SOURCE_ROOT, "examples", "data")
DEFAULT_MODEL = os.path.join(SOURCE_ROOT, "data", "model", "default.model")

ACCOUNTS = [
    dict(id="acc-acme", name="Acme Corporation", aliases=["Acme", "Acme Corp"],
         website="https://www.acme.com/", domains=["acme.com", "acme.de"], country="US",
         region="California", city="San Francisco"),
    dict(id="acc-globex", name="Globex Corporation", website="https://globex.com",
         domains="globex.com", country="US", city="Portland"),
    dict(id="acc-initech", name="Initech Holdings Inc.", domains=["initech.com"], country="US"),
    dict(id="acc-mueller", name="Müller & Söhne Maschinenbau GmbH", country="DE"),
    dict(id="acc-toyota", name="トヨタ自動車株式会社", aliases=["Toyota Motor Corporation"],
         domains=["toyota.co.jp", "global.toyota"], country="JP"),
]

PERSONS = [
    dict(person_id="p-domain", email="jane.doe@emea.acme.com", country="GB"),
    dict(person_id="p-website", company_website="HTTPS://WWW.GLOBEX.COM/about"),
    dict(person_id="p-name", company_name="Mueller und Soehne Maschinenbau", country="DE"),
    dict(person_id="p-alias", company_name="Toyota Motor Corporation"),
    dict(person_id="p-account", email="x@acme.com", account_ids=["acc-acme"]),
    dict(person_id="p-anonymous", phone="+1 555 0100"),
    dict(person_id="p-nothing", company_name="Zzyzx Qwerty Unheard-of Ventures"),
    dict(person_id="p-freemail", email="someone@gmail.com"),
]


def built_matcher(accounts=ACCOUNTS, **kwargs):
    m = l2a.Matcher(**kwargs)
    for a in accounts:
        m.add_account(**a)
    return m.build()


def run_python(code, env):
    """Run code in a fresh interpreter, from a directory that holds no l2a
    package; returns the CompletedProcess."""
    with tempfile.TemporaryDirectory() as cwd:
        return subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, timeout=120)


class TestLoading(unittest.TestCase):
    def clean_env(self):
        env = dict(os.environ)
        env.pop(l2a.LIBRARY_ENV, None)
        env.pop("LD_LIBRARY_PATH", None)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        return env

    def test_loaded_from_environment(self):
        wanted = os.environ.get(l2a.LIBRARY_ENV)
        if not wanted:
            self.skipTest("L2A_LIBRARY is not set")
        self.assertEqual(l2a.library_path, wanted)

    def test_version(self):
        number = l2a.library_version_number()
        self.assertEqual(number // 10000, l2a.ABI_MAJOR)
        major, minor, patch = (int(x) for x in l2a.library_version().split("."))
        self.assertEqual(number, major * 10000 + minor * 100 + patch)

    def _library_file(self):
        path = os.environ.get(l2a.LIBRARY_ENV) or l2a.library_path
        if not os.path.isfile(path):
            self.skipTest("the loaded library is not a file path: %s" % path)
        return os.path.realpath(path)

    def test_next_to_package(self):
        lib = self._library_file()
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copytree(os.path.join(BINDING_DIR, "l2a"), os.path.join(tmp, "l2a"),
                            ignore=shutil.ignore_patterns("__pycache__"))
            shutil.copy(lib, os.path.join(tmp, "l2a", "libl2a.so.0"))
            env = self.clean_env()
            env["PYTHONPATH"] = tmp
            p = run_python("import l2a; print(l2a.library_path)", env)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(p.stdout.strip(), os.path.join(tmp, "l2a", "libl2a.so.0"))

    def test_system_path(self):
        lib = self._library_file()
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copytree(os.path.join(BINDING_DIR, "l2a"), os.path.join(tmp, "pkg", "l2a"),
                            ignore=shutil.ignore_patterns("__pycache__"))
            os.mkdir(os.path.join(tmp, "lib"))
            shutil.copy(lib, os.path.join(tmp, "lib", "libl2a.so.0"))
            env = self.clean_env()
            env["PYTHONPATH"] = os.path.join(tmp, "pkg")
            env["LD_LIBRARY_PATH"] = os.path.join(tmp, "lib")
            p = run_python("import l2a; print(l2a.library_path, l2a.library_version())", env)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(p.stdout.split()[0], "libl2a.so.0")

    def test_explicit_library_that_does_not_exist(self):
        env = self.clean_env()
        env["PYTHONPATH"] = BINDING_DIR
        env[l2a.LIBRARY_ENV] = os.path.join(tempfile.gettempdir(), "no-such-dir", "libl2a.so")
        p = run_python("import l2a", env)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("ImportError", p.stderr)
        self.assertIn("L2A_LIBRARY", p.stderr)

    def test_exit_without_close(self):
        # Handles still alive at interpreter exit are freed without noise.
        env = self.clean_env()
        env["PYTHONPATH"] = BINDING_DIR
        env[l2a.LIBRARY_ENV] = self._library_file()
        p = run_python(
            "import l2a\n"
            "m = l2a.Matcher(); m.add_account('a', name='Acme', domains='acme.com'); m.build()\n"
            "r = m.match(email='x@acme.com')\n"
            "it = m.match_many([{'email': 'y@acme.com'}] * 3); next(it)\n"
            "print(r.account_id)\n", env)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.strip(), "a")
        self.assertEqual(p.stderr, "")


class TestConstants(unittest.TestCase):
    def check_names(self, enum, name_of, none_name=""):
        for member in enum:
            expected = none_name if member.name == "NONE" else member.name.lower()
            self.assertEqual(name_of(member), expected, member)

    def test_names_agree_with_the_library(self):
        self.check_names(l2a.Field, l2a.field_name)
        self.check_names(l2a.Status, l2a.status_name)
        self.check_names(l2a.PersonClass, l2a.person_class_name)
        self.check_names(l2a.Method, l2a.method_name)
        self.check_names(l2a.Feature, l2a.feature_name)

    def test_unknown_values(self):
        self.assertIsNone(l2a.field_name(0))
        self.assertIsNone(l2a.status_name(1000))
        self.assertIsNone(l2a.feature_name(l2a.FEATURE_COUNT))
        self.assertGreaterEqual(l2a.FEATURE_COUNT, len(l2a.Feature))

    def test_string_constants(self):
        self.assertEqual(l2a.STATUS_MATCHED, "matched")
        self.assertEqual(l2a.STATUS_BELOW_THRESHOLD, "below_threshold")
        self.assertEqual(l2a.CLASS_ANONYMOUS, "anonymous")
        self.assertEqual(l2a.METHOD_WEBSITE, "website")

    def test_strerror(self):
        self.assertTrue(l2a.strerror(l2a.ErrorCode.OK))
        texts = {l2a.strerror(c) for c in l2a.ErrorCode}
        self.assertEqual(len(texts), len(l2a.ErrorCode))  # one text per code

    def test_param_bounds(self):
        lo, hi = l2a.param_bounds(l2a.Param.THRESHOLD)
        self.assertEqual((lo, hi), (0.0, 1.0))
        lo, hi = l2a.param_bounds(l2a.Param.MAX_CANDIDATES)
        self.assertEqual((lo, hi), (1.0, 256.0))
        with self.assertRaises(l2a.InvalidArgumentError):
            l2a.param_bounds(99)


class TestMatching(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.m = built_matcher()

    @classmethod
    def tearDownClass(cls):
        cls.m.close()

    def test_account_count(self):
        self.assertEqual(len(self.m), len(ACCOUNTS))
        self.assertEqual(self.m.account_count, len(ACCOUNTS))
        self.assertTrue(self.m.built)

    def test_domain(self):
        r = self.m.match(**PERSONS[0])
        self.assertIsInstance(r, l2a.MatchResult)
        self.assertEqual((r.person_id, r.status, r.person_class, r.account_id, r.method),
                         ("p-domain", "matched", "known", "acc-acme", "domain"))
        self.assertTrue(r.matched)
        self.assertGreaterEqual(r.score, self.m.threshold)
        self.assertLessEqual(r.score, 1.0)
        self.assertIsNone(r.error)

    def test_reasons(self):
        r = self.m.match(**PERSONS[0])
        self.assertTrue(r.reasons)
        names = [reason.feature for reason in r.reasons]
        self.assertIn("email_domain", names)
        for reason in r.reasons:
            self.assertIsInstance(reason, tuple)
            feature, value, contribution = reason
            self.assertIsInstance(feature, str)
            self.assertNotEqual(contribution, 0.0)
        weights = [abs(reason.contribution) for reason in r.reasons]
        self.assertEqual(weights, sorted(weights, reverse=True))

    def test_website_name_alias(self):
        r = self.m.match(**PERSONS[1])
        self.assertEqual((r.status, r.account_id, r.method), ("matched", "acc-globex", "website"))
        r = self.m.match(**PERSONS[2])
        self.assertEqual(r.account_id, "acc-mueller")
        self.assertEqual(r.method, "name")
        r = self.m.match(**PERSONS[3])
        self.assertEqual(r.account_id, "acc-toyota")
        self.assertIn(r.method, ("alias", "name"))

    def test_classes(self):
        r = self.m.match(**PERSONS[4])
        self.assertEqual((r.person_class, r.status, r.account_id, r.method),
                         ("account", "skipped", None, None))
        self.assertEqual(r.score, 0.0)
        r = self.m.match(**PERSONS[5])
        self.assertEqual((r.person_class, r.status), ("anonymous", "anonymous"))

    def test_no_signal(self):
        r = self.m.match(**PERSONS[7])
        self.assertEqual(r.person_class, "known")
        self.assertNotEqual(r.status, "matched")
        r = self.m.match(**PERSONS[6])
        self.assertNotEqual(r.status, "matched")

    def test_positional_and_bytes(self):
        r = self.m.match("p-1", b"jane@acme.com")
        self.assertEqual((r.person_id, r.account_id), ("p-1", "acc-acme"))

    def test_result_is_frozen(self):
        r = self.m.match(**PERSONS[0])
        with self.assertRaises(dataclasses.FrozenInstanceError):
            r.status = "x"
        self.assertEqual(r, self.m.match(**PERSONS[0]))
        hash(r)

    def test_explain(self):
        candidates = self.m.explain(company_name="Acme Corp", country="US")
        self.assertTrue(candidates)
        self.assertEqual(candidates[0].account_id, "acc-acme")
        self.assertEqual(len(candidates[0].features), l2a.FEATURE_COUNT)
        scores = [c.score for c in candidates]
        self.assertEqual(scores, sorted(scores, reverse=True))
        self.assertAlmostEqual(candidates[0].score, self.m.match(
            company_name="Acme Corp", country="US").score)

    def test_match_many(self):
        expected = [self.m.match(**p) for p in PERSONS]
        it = self.m.match_many(iter(PERSONS))
        self.assertEqual(next(it), expected[0])          # lazy: an iterator
        self.assertEqual([expected[0]] + list(it), expected)
        as_tuples = [(p["person_id"], p.get("email"), p.get("company_name"),
                      p.get("company_website"), p.get("country"), None, None, p.get("phone"),
                      p.get("account_ids", ())) for p in PERSONS]
        self.assertEqual(list(self.m.match_many(as_tuples)), expected)

    def test_match_many_errors(self):
        persons = [{"person_id": "ok", "email": "a@acme.com"},
                   {"person_id": "bad", "company_name": "Acme\x00Corp"},
                   {"person_id": "ok2", "email": "b@globex.com"}]
        with self.assertRaises(l2a.InvalidUTF8Error):
            list(self.m.match_many(persons))
        results = list(self.m.match_many(persons, on_error="reject"))
        self.assertEqual([r.status for r in results], ["matched", "rejected", "matched"])
        self.assertEqual(results[1].person_id, "bad")
        self.assertIn("company_name", results[1].error)
        with self.assertRaises(TypeError):
            list(self.m.match_many([{"no_such_key": "x"}], on_error="reject"))
        with self.assertRaises(ValueError):
            list(self.m.match_many([], on_error="ignore"))

    def test_threads(self):
        expected = [self.m.match(**p) for p in PERSONS]
        failures = []

        def worker():
            try:
                for _ in range(50):
                    got = [self.m.match(**p) for p in PERSONS]
                    if got != expected:
                        failures.append(got)
                        return
            except Exception as e:  # reported below
                failures.append(e)

        threads = [threading.Thread(target=worker) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])

    def test_tools(self):
        self.assertEqual(self.m.normalize_name("ACME Holdings, Inc."), "acme holdings")
        self.assertEqual(l2a.normalize_name("ACME Holdings, Inc."), "acme holdings")
        self.assertEqual(self.m.registrable_domain("jane@emea.acme.co.uk"), "acme.co.uk")
        self.assertEqual(l2a.registrable_domain("https://www.Example.COM:8080/x?y"),
                         "example.com")
        self.assertIsNone(l2a.registrable_domain("localhost"))
        long_name = "Ωmega Überlänge " * 400
        key = l2a.normalize_name(long_name)
        self.assertTrue(key.startswith("omega"))
        with self.assertRaises(l2a.InvalidUTF8Error):
            l2a.normalize_name(b"\xff\xfe")


class TestOrderIndependence(unittest.TestCase):
    def test_same_answers_whatever_the_order(self):
        with built_matcher(ACCOUNTS) as a, built_matcher(list(reversed(ACCOUNTS))) as b:
            for p in PERSONS + [dict(company_name="Acme"), dict(company_name="Initech")]:
                self.assertEqual(a.match(**p), b.match(**p))


class TestOptions(unittest.TestCase):
    def test_threshold(self):
        with built_matcher(threshold=0.25) as m:
            self.assertEqual(m.threshold, 0.25)
            best = m.match(company_name="Globex Corp")
            self.assertEqual((best.status, best.account_id), ("matched", "acc-globex"))
            if best.score >= 1.0:
                self.skipTest("the score is exactly 1: no threshold can be above it")
            m.threshold = (best.score + 1.0) / 2
            r = m.match(company_name="Globex Corp")
            self.assertEqual(r.status, "below_threshold")
            self.assertEqual(r.account_id, "acc-globex")  # the best candidate is still given
            self.assertEqual(r.score, best.score)
            m.threshold = best.score                      # at the threshold is a match
            self.assertEqual(m.match(company_name="Globex Corp").status, "matched")
        with self.assertRaises(l2a.InvalidArgumentError):
            l2a.Matcher(threshold=1.5)

    def test_params(self):
        with l2a.Matcher() as m:
            m.set_param(l2a.Param.MAX_CANDIDATES, 5)
            self.assertEqual(m.get_param(l2a.Param.MAX_CANDIDATES), 5.0)
            with self.assertRaises(l2a.InvalidArgumentError) as cm:
                m.set_param(l2a.Param.MAX_CANDIDATES, 0)
            self.assertEqual(cm.exception.code, l2a.ErrorCode.INVALID_ARGUMENT)
            with self.assertRaises(l2a.InvalidArgumentError):
                m.get_param(42)
            self.assertEqual(m.get_param(l2a.Param.NAME_SEARCH), l2a.NameSearch.UNEXPLAINED)
            m.set_param(l2a.Param.NAME_SEARCH, l2a.NameSearch.ALWAYS)
            self.assertEqual(m.get_param(l2a.Param.NAME_SEARCH), l2a.NameSearch.ALWAYS)
            with self.assertRaises(l2a.InvalidArgumentError):
                m.set_param(l2a.Param.NAME_SEARCH, 2)

    def test_freemail(self):
        with built_matcher(freemail=["acme.com", "acme.de"]) as m:
            r = m.match(email="jane@acme.com")
            self.assertNotEqual(r.method, "domain")
        with self.assertRaises(l2a.InvalidArgumentError):
            l2a.Matcher(freemail=[""])

    def test_model_file_and_text(self):
        if not os.path.isfile(DEFAULT_MODEL):
            self.skipTest("no model file at " + DEFAULT_MODEL)
        with open(DEFAULT_MODEL, "rb") as f:
            text = f.read()
        with l2a.Matcher(model=DEFAULT_MODEL) as a, l2a.Matcher(model=text) as b, \
                l2a.Matcher() as c:
            self.assertEqual(a.model_version, b.model_version)
            self.assertEqual(a.model_version, c.model_version)
            self.assertTrue(a.model_version)

    def test_bad_models(self):
        with self.assertRaises(l2a.ModelFormatError) as cm:
            l2a.Matcher(model=b"l2a-model 1\nthis is not a model\n")
        self.assertTrue(cm.exception.detail)
        self.assertEqual(cm.exception.description, l2a.strerror(l2a.ErrorCode.MODEL_FORMAT))
        missing = os.path.join(tempfile.gettempdir(), "no-such-dir", "x.model")
        with self.assertRaises(l2a.ReadError) as cm:
            l2a.Matcher(model=missing)
        self.assertIsInstance(cm.exception, OSError)
        self.assertEqual(cm.exception.code, l2a.ErrorCode.IO)


class TestErrors(unittest.TestCase):
    def test_lifecycle_errors(self):
        with l2a.Matcher() as m:
            m.add_account("a", name="Acme")
            with self.assertRaises(l2a.DuplicateIdError) as cm:
                m.add_account("a", name="Acme again")
            self.assertEqual(cm.exception.code, l2a.ErrorCode.DUPLICATE_ID)
            self.assertIsInstance(cm.exception, ValueError)
            with self.assertRaises(l2a.MissingIdError):
                m.add_account(None, name="No id")
            with self.assertRaises(l2a.NotBuiltError):
                m.match(email="x@acme.com")
            with self.assertRaises(l2a.NotBuiltError):
                list(m.match_many([{"email": "x@acme.com"}], on_error="raise"))
            m.build()
            # After the build, accounts are staged changes, applied by build().
            m.add_account("b", name="Globex")
            self.assertEqual(len(m), 1)
            m.build()
            self.assertEqual(len(m), 2)
            with self.assertRaises(l2a.NotFoundError):
                m.remove_account("nobody")
            m.remove_account("b")
            m.build()
            m.compact()
            with self.assertRaises(l2a.AlreadyBuiltError):
                m.add_freemail("example.org")
            self.assertEqual(len(m), 1)

    def test_value_errors(self):
        with l2a.Matcher() as m:
            with self.assertRaises(l2a.TooLongError) as cm:
                m.add_account("a", name="x" * (l2a.FIELD_MAX_BYTES + 1))
            self.assertIn("name", str(cm.exception))
            with self.assertRaises(l2a.InvalidUTF8Error):
                m.add_account("a", name="bad \ud800 surrogate")
            with self.assertRaises(l2a.InvalidUTF8Error):
                m.add_account("a", name=b"\xc3\x28")
            with self.assertRaises(l2a.InvalidUTF8Error):
                m.add_account("a", name="nul\x00inside")
            with self.assertRaises(TypeError):
                m.add_account("a", name=42)
            m.add_account("a", name="x" * l2a.FIELD_MAX_BYTES)  # the limit itself is fine
            self.assertEqual(len(m), 1)

    def test_hierarchy(self):
        for cls in (l2a.InvalidArgumentError, l2a.OutOfMemoryError, l2a.InvalidUTF8Error,
                    l2a.TooLongError, l2a.MissingIdError, l2a.DuplicateIdError,
                    l2a.NotBuiltError, l2a.AlreadyBuiltError, l2a.ReadError,
                    l2a.ModelFormatError, l2a.NotFoundError, l2a.InternalError,
                    l2a.SingleValuedError):
            self.assertTrue(issubclass(cls, l2a.L2AError), cls)

    def test_closed(self):
        m = l2a.Matcher()
        m.close()
        m.close()  # idempotent
        self.assertTrue(m.closed)
        with self.assertRaises(ValueError):
            m.add_account("a")
        with self.assertRaises(ValueError):
            m.match(email="x@acme.com")
        with self.assertRaises(ValueError):
            len(m)
        self.assertIn("closed", repr(m))

    def test_context_manager_and_gc(self):
        with l2a.Matcher() as m:
            free = m._free
            self.assertTrue(free.alive)
        self.assertFalse(free.alive)
        m = l2a.Matcher()
        free = m._free
        del m
        gc.collect()
        self.assertFalse(free.alive)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def cells(value):
    return [v for v in value.split("|") if v] if value else []


class TestAgainstCommandLine(unittest.TestCase):
    """The binding and the l2a program give the same decisions on the example data."""

    def test_example_data(self):
        cli = os.environ.get("L2A_CLI")
        if not cli or not os.path.exists(cli):
            self.skipTest("the l2a program is not built (L2A_CLI)")
        accounts = os.path.join(EXAMPLE_DATA, "accounts.csv")
        persons = os.path.join(EXAMPLE_DATA, "persons.csv")
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out.csv")
            p = subprocess.run([cli, "match", "--accounts", accounts, "--persons", persons,
                                "--all", "--output", out], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, universal_newlines=True, timeout=300)
            self.assertEqual(p.returncode, 0, p.stderr)
            cli_rows = read_csv(out)
        m = l2a.Matcher()
        m.add_accounts(dict(id=r["account_id"], name=r["name"] or None, aliases=cells(r["aliases"]),
                            website=r["website"] or None, domains=cells(r["domains"]),
                            country=r["country"] or None, region=r["region"] or None,
                            city=r["city"] or None, postal_code=r["postal_code"] or None,
                            phone=r["phone"] or None, parent_id=r["parent_id"] or None,
                            industry=r["industry"] or None)
                       for r in read_csv(accounts))
        m.build()
        people = read_csv(persons)
        results = list(m.match_many(
            dict(person_id=r["person_id"], email=r["email"] or None,
                 company_name=r["company_name"] or None,
                 company_website=r["company_website"] or None, country=r["country"] or None,
                 region=r["region"] or None, city=r["city"] or None, phone=r["phone"] or None,
                 account_ids=cells(r["account_ids"])) for r in people))
        m.close()
        self.assertEqual(len(cli_rows), len(results))
        for row, r in zip(cli_rows, results):
            self.assertEqual(row["person_id"], r.person_id)
            self.assertEqual((row["class"], row["status"], row["account_id"], row["method"]),
                             (r.person_class, r.status, r.account_id or "", r.method or ""),
                             r.person_id)
            if r.account_id:
                self.assertAlmostEqual(float(row["score"]), r.score, places=4)


if __name__ == "__main__":
    unittest.main()
