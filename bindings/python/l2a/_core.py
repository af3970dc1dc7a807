# SPDX-License-Identifier: MIT
"""Matcher, MatchResult and the helpers: the Python face of l2a.h."""

import collections
import ctypes
import dataclasses
import enum
import os
import threading
import weakref
from collections.abc import Mapping
from typing import Optional, Tuple

from ._errors import ErrorCode, L2AError, error_for
from ._native import MatcherP, RecordP, ResultP, lib

# ---------------------------------------------------------------------------
# Constants. The numbers are those of l2a.h, fixed forever; the names are
# asked of the library at run time, so they are exactly what the C API and
# the l2a command print.


class Field(enum.IntEnum):
    """enum l2a_field."""

    ID = 1
    COMPANY_NAME = 2
    ALIAS = 3
    WEBSITE = 4
    DOMAIN = 5
    EMAIL = 6
    FIRST_NAME = 7
    LAST_NAME = 8
    TITLE = 9
    PHONE = 10
    COUNTRY = 11
    REGION = 12
    CITY = 13
    POSTAL_CODE = 14
    PARENT_ID = 15
    ACCOUNT_IDS = 16
    INDUSTRY = 17


class PersonClass(enum.IntEnum):
    """enum l2a_person_class."""

    NONE = 0
    ACCOUNT = 1
    KNOWN = 2
    ANONYMOUS = 3


class Status(enum.IntEnum):
    """enum l2a_status."""

    NONE = 0
    MATCHED = 1
    BELOW_THRESHOLD = 2
    NO_CANDIDATE = 3
    AMBIGUOUS = 4
    SKIPPED = 5
    ANONYMOUS = 6
    REJECTED = 7


class Method(enum.IntEnum):
    """enum l2a_method."""

    NONE = 0
    DOMAIN = 1
    WEBSITE = 2
    NAME = 3
    ALIAS = 4


class Feature(enum.IntEnum):
    """enum l2a_feature."""

    EMAIL_DOMAIN = 0
    EMAIL_SUBDOMAIN = 1
    WEBSITE_DOMAIN = 2
    DOMAIN_SHARED = 3
    DOMAIN_CONFLICT = 4
    FREEMAIL = 5
    NAME_TRIGRAM = 6
    NAME_TOKEN = 7
    NAME_EDIT = 8
    NAME_EXACT = 9
    NAME_ACRONYM = 10
    ALIAS_EXACT = 11
    NAME_MISSING = 12
    NAME_RARITY = 13
    COUNTRY_MATCH = 14
    COUNTRY_MISMATCH = 15
    REGION_MATCH = 16
    CITY_MATCH = 17
    PHONE_PREFIX = 18
    DOMAIN_NAME = 19


class Param(enum.IntEnum):
    """enum l2a_param."""

    THRESHOLD = 1
    AMBIGUITY_MARGIN = 2
    MAX_CANDIDATES = 3
    NAME_SEARCH = 4


class NameSearch(enum.IntEnum):
    """enum l2a_name_search: values of Param.NAME_SEARCH."""

    UNEXPLAINED = 0
    ALWAYS = 1


#: L2A_FIELD_MAX_BYTES: the largest accepted value, in bytes.
FIELD_MAX_BYTES = 65536


def _name(fn, value):
    raw = fn(int(value))
    return None if raw is None else raw.decode("utf-8")


def field_name(field):
    """The canonical name of a field ("id", "company_name", ...), or None."""
    return _name(lib.l2a_field_name, field)


def person_class_name(person_class):
    """The name of a person class ("account", "known", "anonymous"); "" for NONE, None if unknown."""
    return _name(lib.l2a_person_class_name, person_class)


def status_name(status):
    """The name of a status ("matched", "below_threshold", ...); "" for NONE, None if unknown."""
    return _name(lib.l2a_status_name, status)


def method_name(method):
    """The name of a method ("domain", "website", "name", "alias"); "" for NONE, None if unknown."""
    return _name(lib.l2a_method_name, method)


def feature_name(feature):
    """The name of a feature ("email_domain", ...), or None."""
    return _name(lib.l2a_feature_name, feature)


def _feature_count():
    n = 0
    while lib.l2a_feature_name(n) is not None:
        n += 1
    return n


#: The number of features the loaded library computes (L2A_FEATURE_COUNT of
#: its own header: a newer library may know more than Feature lists).
FEATURE_COUNT = _feature_count()

_FEATURE_NAMES = [feature_name(i) for i in range(FEATURE_COUNT)]
_STATUS_NAMES = {}
_CLASS_NAMES = {}
_METHOD_NAMES = {}


def _cached(cache, fn, value):
    name = cache.get(value)
    if name is None:
        name = cache[value] = fn(value) or None
    return name


# The names a MatchResult carries, as module constants.
CLASS_ACCOUNT = person_class_name(PersonClass.ACCOUNT)
CLASS_KNOWN = person_class_name(PersonClass.KNOWN)
CLASS_ANONYMOUS = person_class_name(PersonClass.ANONYMOUS)
STATUS_MATCHED = status_name(Status.MATCHED)
STATUS_BELOW_THRESHOLD = status_name(Status.BELOW_THRESHOLD)
STATUS_NO_CANDIDATE = status_name(Status.NO_CANDIDATE)
STATUS_AMBIGUOUS = status_name(Status.AMBIGUOUS)
STATUS_SKIPPED = status_name(Status.SKIPPED)
STATUS_ANONYMOUS = status_name(Status.ANONYMOUS)
STATUS_REJECTED = status_name(Status.REJECTED)
METHOD_DOMAIN = method_name(Method.DOMAIN)
METHOD_WEBSITE = method_name(Method.WEBSITE)
METHOD_NAME = method_name(Method.NAME)
METHOD_ALIAS = method_name(Method.ALIAS)


def library_version():
    """The version of the loaded libl2a, "major.minor.patch" (l2a_version)."""
    return lib.l2a_version().decode("ascii")


def library_version_number():
    """The version of the loaded libl2a as major * 10000 + minor * 100 + patch."""
    return int(lib.l2a_version_number())


def param_bounds(param):
    """The accepted (min, max) of a Param."""
    lo, hi = ctypes.c_double(), ctypes.c_double()
    rc = lib.l2a_param_bounds(int(param), ctypes.byref(lo), ctypes.byref(hi))
    if rc:
        raise error_for(rc, context="param_bounds(%r)" % (param,))
    return lo.value, hi.value


# ---------------------------------------------------------------------------
# Results.


class Reason(collections.namedtuple("Reason", "feature value contribution")):
    """One feature of a candidate: its name, its value, and its contribution
    to the log-odds."""

    __slots__ = ()


@dataclasses.dataclass(frozen=True)
class MatchResult:
    """The decision for one person (an l2a_result, copied into Python).

    status is a status name ("matched", "below_threshold", "no_candidate",
    "ambiguous", "skipped", "anonymous", "rejected"); person_class is
    "account", "known" or "anonymous"; method is "domain", "website", "name"
    or "alias". Absent values are None, absent scores 0.0. reasons lists the
    best candidate's features with a non-zero contribution, most influential
    first. error holds the reason of a "rejected" result (see
    Matcher.match_many's on_error).
    """

    person_id: Optional[str]
    status: str
    person_class: Optional[str]
    account_id: Optional[str]
    score: float
    method: Optional[str]
    runner_up_id: Optional[str] = None
    runner_up_score: float = 0.0
    reasons: Tuple[Reason, ...] = ()
    error: Optional[str] = None

    @property
    def matched(self):
        """True when the status is "matched"."""
        return self.status == STATUS_MATCHED


@dataclasses.dataclass(frozen=True)
class Candidate:
    """One scored candidate account (see Matcher.explain)."""

    account_id: str
    score: float
    features: Tuple[Reason, ...]


def _decode(raw):
    return None if raw is None else raw.decode("utf-8", "replace")


# ---------------------------------------------------------------------------
# Strings and records.

_TEXT = (str, bytes, bytearray, memoryview)


def _utf8(value, what):
    """value (str or bytes) as UTF-8 bytes; the library validates bytes itself."""
    if isinstance(value, str):
        try:
            return value.encode("utf-8")
        except UnicodeEncodeError as e:
            raise error_for(ErrorCode.INVALID_UTF8, "%s: %s" % (what, e)) from None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError("%s: expected str or bytes, not %s" % (what, type(value).__name__))


def _values(value, what):
    """A multi-valued argument: None, one string, or an iterable of strings."""
    if value is None:
        return ()
    if isinstance(value, _TEXT):
        return (value,)
    try:
        return tuple(value)
    except TypeError:
        raise TypeError("%s: expected a string or an iterable of strings, not %s"
                        % (what, type(value).__name__)) from None


def _record_set(rec, field, value, what):
    if value is None:
        return
    data = _utf8(value, what)
    rc = lib.l2a_record_set(rec, field, data, len(data))
    if rc:
        raise error_for(rc, lib.l2a_record_errmsg(rec), what)


def _record_add(rec, field, values, what):
    for value in _values(values, what):
        data = _utf8(value, what)
        rc = lib.l2a_record_add(rec, field, data, len(data))
        if rc:
            raise error_for(rc, lib.l2a_record_errmsg(rec), what)


def _fill_account(rec, id, name=None, aliases=(), website=None, domains=(), country=None,
                  region=None, city=None, postal_code=None, phone=None, parent_id=None,
                  industry=None):
    lib.l2a_record_clear(rec)
    _record_set(rec, Field.ID, id, "id")
    _record_set(rec, Field.COMPANY_NAME, name, "name")
    _record_add(rec, Field.ALIAS, aliases, "aliases")
    _record_set(rec, Field.WEBSITE, website, "website")
    _record_add(rec, Field.DOMAIN, domains, "domains")
    _record_set(rec, Field.COUNTRY, country, "country")
    _record_set(rec, Field.REGION, region, "region")
    _record_set(rec, Field.CITY, city, "city")
    _record_set(rec, Field.POSTAL_CODE, postal_code, "postal_code")
    _record_set(rec, Field.PHONE, phone, "phone")
    _record_set(rec, Field.PARENT_ID, parent_id, "parent_id")
    _record_set(rec, Field.INDUSTRY, industry, "industry")


def _fill_person(rec, person_id=None, email=None, company_name=None, company_website=None,
                 country=None, region=None, city=None, phone=None, account_ids=(), *,
                 first_name=None, last_name=None, title=None):
    lib.l2a_record_clear(rec)
    _record_set(rec, Field.ID, person_id, "person_id")
    _record_set(rec, Field.EMAIL, email, "email")
    _record_set(rec, Field.COMPANY_NAME, company_name, "company_name")
    _record_set(rec, Field.WEBSITE, company_website, "company_website")
    _record_set(rec, Field.COUNTRY, country, "country")
    _record_set(rec, Field.REGION, region, "region")
    _record_set(rec, Field.CITY, city, "city")
    _record_set(rec, Field.PHONE, phone, "phone")
    _record_add(rec, Field.ACCOUNT_IDS, account_ids, "account_ids")
    _record_set(rec, Field.FIRST_NAME, first_name, "first_name")
    _record_set(rec, Field.LAST_NAME, last_name, "last_name")
    _record_set(rec, Field.TITLE, title, "title")


def _fill_from(fill, rec, item):
    """Fill rec from a dict (keyword arguments) or a tuple (positional ones)."""
    if isinstance(item, Mapping):
        fill(rec, **item)
    elif isinstance(item, (tuple, list)):
        fill(rec, *item)
    else:
        raise TypeError("expected a dict or a tuple, not %s" % type(item).__name__)


def _record_id(rec):
    return _decode(lib.l2a_record_get(rec, Field.ID, 0, None))


class _Scratch:
    """One record and one result, freed when this object goes away."""

    def __init__(self):
        rec = RecordP()
        rc = lib.l2a_record_new(ctypes.byref(rec))
        if rc:
            raise error_for(rc, context="l2a_record_new")
        self.record = rec
        self._free_record = weakref.finalize(self, lib.l2a_record_free, rec)
        res = ResultP()
        rc = lib.l2a_result_new(ctypes.byref(res))
        if rc:
            self._free_record()
            raise error_for(rc, context="l2a_result_new")
        self.result = res
        self._free_result = weakref.finalize(self, lib.l2a_result_free, res)

    def close(self):
        self._free_result()
        self._free_record()


def _read_result(res, person_id, reasons=True):
    status = lib.l2a_result_status(res)
    out = []
    if reasons:
        feature = ctypes.c_int()
        value = ctypes.c_double()
        contribution = ctypes.c_double()
        for i in range(lib.l2a_result_reason_count(res)):
            rc = lib.l2a_result_reason(res, i, ctypes.byref(feature), ctypes.byref(value),
                                       ctypes.byref(contribution))
            if rc:
                raise error_for(rc, context="l2a_result_reason")
            f = feature.value
            name = _FEATURE_NAMES[f] if 0 <= f < FEATURE_COUNT else feature_name(f)
            out.append(Reason(name or "feature_%d" % f, value.value, contribution.value))
    return MatchResult(
        person_id=person_id,
        status=_cached(_STATUS_NAMES, status_name, status) or "",
        person_class=_cached(_CLASS_NAMES, person_class_name, lib.l2a_result_person_class(res)),
        account_id=_decode(lib.l2a_result_account_id(res)),
        score=lib.l2a_result_score(res),
        method=_cached(_METHOD_NAMES, method_name, lib.l2a_result_method(res)),
        runner_up_id=_decode(lib.l2a_result_runner_up_id(res)),
        runner_up_score=lib.l2a_result_runner_up_score(res),
        reasons=tuple(out),
    )


def _rejected(person_id, message):
    return MatchResult(person_id=person_id, status=STATUS_REJECTED, person_class=None,
                       account_id=None, score=0.0, method=None, error=message)


# ---------------------------------------------------------------------------
# The matcher.


class Matcher:
    """An l2a_matcher: accounts in, decisions out.

    Matcher(model=None, threshold=None, freemail=None)

    model is a model file (a path, str or os.PathLike) or the text of one
    (bytes); threshold overrides the model's threshold; freemail is an
    iterable of more free-mail or disposable domains.

    Lifecycle: add_account() for each account, build(), then match() or
    match_many() as often as needed. After build(), match() may be called
    from many threads at once (each thread gets its own record and result);
    every other method changes the matcher and must not run concurrently
    with anything else on it. close() (or leaving a with block) frees the
    matcher; so does garbage collection.
    """

    def __init__(self, model=None, threshold=None, freemail=None):
        ptr = MatcherP()
        rc = lib.l2a_matcher_new(ctypes.byref(ptr))
        if rc:
            raise error_for(rc, context="l2a_matcher_new")
        self._ptr = ptr
        self._free = weakref.finalize(self, lib.l2a_matcher_free, ptr)
        self._local = threading.local()
        self._built = False
        try:
            if model is not None:
                if isinstance(model, (bytes, bytearray, memoryview)):
                    self.set_model(model)
                else:
                    self.load_model(model)
            for domain in _values(freemail, "freemail"):
                self.add_freemail(domain)
            if threshold is not None:
                self.threshold = threshold
        except BaseException:
            self.close()
            raise

    # -- lifetime ----------------------------------------------------------

    def close(self):
        """Free the matcher. Further calls raise ValueError. Idempotent."""
        free = getattr(self, "_free", None)
        if free is not None:
            free()
        self._ptr = None

    @property
    def closed(self):
        return self._ptr is None

    def __enter__(self):
        self._handle()
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __repr__(self):
        if self._ptr is None:
            return "<l2a.Matcher closed>"
        return "<l2a.Matcher %d accounts, %s, model %s>" % (
            len(self), "built" if self._built else "not built", self.model_version)

    def _handle(self):
        ptr = self._ptr
        if ptr is None:
            raise ValueError("l2a: operation on a closed Matcher")
        return ptr

    def _check(self, rc, context):
        if rc:
            raise error_for(rc, lib.l2a_matcher_errmsg(self._ptr), context)

    def _scratch(self):
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = _Scratch()
        return scratch

    # -- configuration -------------------------------------------------------

    def set_param(self, param, value):
        """Set a Param (l2a_matcher_set_param)."""
        self._check(lib.l2a_matcher_set_param(self._handle(), int(param), float(value)),
                    "set_param(%r, %r)" % (param, value))

    def get_param(self, param):
        """Read a Param (l2a_matcher_get_param)."""
        value = ctypes.c_double()
        self._check(lib.l2a_matcher_get_param(self._handle(), int(param), ctypes.byref(value)),
                    "get_param(%r)" % (param,))
        return value.value

    @property
    def threshold(self):
        """The decision threshold (Param.THRESHOLD)."""
        return self.get_param(Param.THRESHOLD)

    @threshold.setter
    def threshold(self, value):
        self.set_param(Param.THRESHOLD, value)

    def set_model(self, text):
        """Replace the model with one given as text (str or bytes). Before build() only."""
        data = _utf8(text, "model")
        self._check(lib.l2a_matcher_set_model(self._handle(), data, len(data)), "set_model")

    def load_model(self, path):
        """Replace the model with one read from a file. Before build() only."""
        raw = os.fsencode(path)
        self._check(lib.l2a_matcher_load_model(self._handle(), raw), "load_model(%r)" % (path,))

    @property
    def model_version(self):
        """The version string of the model in use, e.g. "l2a-default-2"."""
        return lib.l2a_matcher_model_version(self._handle()).decode("utf-8", "replace")

    def add_freemail(self, domain):
        """Treat one more domain as a free-mail provider. Before build() only."""
        data = _utf8(domain, "freemail")
        self._check(lib.l2a_matcher_add_freemail(self._handle(), data, len(data)),
                    "add_freemail(%r)" % (domain,))

    # -- accounts ----------------------------------------------------------

    def add_account(self, id, name=None, aliases=(), website=None, domains=(), country=None,
                    region=None, city=None, postal_code=None, phone=None, parent_id=None,
                    industry=None):
        """Register one account; after build(), add or replace one.

        aliases and domains take one string or an iterable of strings. After
        build(), an account with a new id is added and one with a known id
        replaces it; the change is staged until the next build(). Raises
        MissingIdError, DuplicateIdError (before build()), ...
        """
        ptr = self._handle()
        rec = self._scratch().record
        _fill_account(rec, id, name, aliases, website, domains, country, region, city,
                      postal_code, phone, parent_id, industry)
        self._check(lib.l2a_matcher_add_account(ptr, rec), "add_account(%r)" % (id,))

    def add_accounts(self, accounts):
        """Register many accounts: an iterable of dicts (add_account's keyword
        arguments) or tuples (its positional ones). Returns how many were added."""
        ptr = self._handle()
        rec = self._scratch().record
        n = 0
        for item in accounts:
            _fill_from(_fill_account, rec, item)
            self._check(lib.l2a_matcher_add_account(ptr, rec),
                        "add_account(%r)" % (_record_id(rec),))
            n += 1
        return n

    def __len__(self):
        return int(lib.l2a_matcher_account_count(self._handle()))

    @property
    def account_count(self):
        """The number of accounts registered."""
        return len(self)

    def remove_account(self, id):
        """Stage the removal of an account of a built matcher (applied by the
        next build()). Raises NotFoundError for an unknown id."""
        data = _utf8(id, "account id")
        self._check(lib.l2a_matcher_remove_account(self._handle(), data, len(data)),
                    "remove_account(%r)" % (id,))

    def build(self):
        """Freeze the matcher: build the domain map and the name index. On a
        built matcher: apply the staged account changes (cheap, proportional
        to the changes; a no-op when there are none)."""
        self._check(lib.l2a_matcher_build(self._handle()), "build")
        self._built = True
        return self

    def compact(self):
        """Apply staged changes and rebuild all indexes from the live accounts
        (a full rebuild; worth it when more than ~10% changed, and needed
        before save_snapshot() after changes)."""
        self._check(lib.l2a_matcher_compact(self._handle()), "compact")
        return self

    @property
    def built(self):
        """True once build() has succeeded."""
        return self._built

    # -- matching ----------------------------------------------------------

    def match(self, person_id=None, email=None, company_name=None, company_website=None,
              country=None, region=None, city=None, phone=None, account_ids=(), *,
              first_name=None, last_name=None, title=None):
        """Match one person; returns a MatchResult.

        A person that cannot be matched for a reason of its own gets a status,
        not an exception; exceptions mean the call itself failed (NotBuiltError
        before build(), InvalidUTF8Error or TooLongError for a bad value, ...).
        Safe from many threads at once on a built matcher.
        """
        ptr = self._handle()
        scratch = self._scratch()
        _fill_person(scratch.record, person_id, email, company_name, company_website, country,
                     region, city, phone, account_ids, first_name=first_name,
                     last_name=last_name, title=title)
        rc = lib.l2a_match(ptr, scratch.record, scratch.result)
        if rc:
            raise error_for(rc, lib.l2a_result_errmsg(scratch.result), "match")
        return _read_result(scratch.result, _record_id(scratch.record))

    def match_many(self, persons, on_error="raise"):
        """Match an iterable of persons lazily; yields one MatchResult each.

        Each person is a dict of match()'s keyword arguments or a tuple of its
        positional ones. One record and one result are reused throughout.
        on_error="raise" (the default) raises the first error; on_error="reject"
        yields a result with status "rejected" and the message in .error
        instead, and goes on (a wrong key or type still raises TypeError).
        """
        if on_error not in ("raise", "reject"):
            raise ValueError("on_error must be 'raise' or 'reject'")
        ptr = self._handle()
        scratch = _Scratch()
        try:
            for item in persons:
                rec, res = scratch.record, scratch.result
                try:
                    _fill_from(_fill_person, rec, item)
                    rc = lib.l2a_match(ptr, rec, res)
                    if rc:
                        raise error_for(rc, lib.l2a_result_errmsg(res), "match")
                except L2AError as e:
                    if on_error == "raise":
                        raise
                    yield _rejected(_record_id(rec), str(e))
                    continue
                yield _read_result(res, _record_id(rec))
        finally:
            scratch.close()

    def explain(self, *args, **kwargs):
        """Match one person (match()'s arguments) and return every scored
        candidate, best first, with all its feature values and contributions."""
        ptr = self._handle()
        scratch = self._scratch()
        _fill_person(scratch.record, *args, **kwargs)
        res = scratch.result
        rc = lib.l2a_match(ptr, scratch.record, res)
        if rc:
            raise error_for(rc, lib.l2a_result_errmsg(res), "explain")
        value = ctypes.c_double()
        contribution = ctypes.c_double()
        out = []
        for i in range(lib.l2a_result_candidate_count(res)):
            features = []
            for f in range(FEATURE_COUNT):
                rc = lib.l2a_result_candidate_feature(res, i, f, ctypes.byref(value),
                                                      ctypes.byref(contribution))
                if rc:
                    raise error_for(rc, context="l2a_result_candidate_feature")
                features.append(Reason(_FEATURE_NAMES[f], value.value, contribution.value))
            out.append(Candidate(_decode(lib.l2a_result_candidate_id(res, i)),
                                 lib.l2a_result_candidate_score(res, i), tuple(features)))
        return out

    # -- debugging helpers -----------------------------------------------------

    def normalize_name(self, text):
        """The normalized company-name key this matcher compares."""
        return _text_tool(lib.l2a_normalize_name, self._handle(), text, "normalize_name")

    def registrable_domain(self, text):
        """The registrable domain of an email, URL or host, or None when it has none."""
        return _text_tool(lib.l2a_registrable_domain, self._handle(), text,
                          "registrable_domain")


def _text_tool(fn, ptr, text, what):
    data = _utf8(text, what)
    cap = max(128, 2 * len(data) + 16)
    needed = ctypes.c_size_t()
    for _ in range(3):
        buf = ctypes.create_string_buffer(cap)
        rc = fn(ptr, data, len(data), buf, cap, ctypes.byref(needed))
        if rc == ErrorCode.OK:
            return buf.raw[:needed.value].decode("utf-8")
        if rc == ErrorCode.NOT_FOUND and fn is lib.l2a_registrable_domain:
            return None
        if rc == ErrorCode.TOO_LONG and needed.value >= cap:
            cap = needed.value + 1
            continue
        break
    raise error_for(rc, context=what)


_default = None
_default_lock = threading.Lock()


def _default_matcher():
    global _default
    with _default_lock:
        if _default is None:
            _default = Matcher()
        return _default


def normalize_name(text):
    """The normalized company-name key of text, as the default matcher sees it
    ("ACME Holdings, Inc." -> "acme holdings")."""
    return _default_matcher().normalize_name(text)


def registrable_domain(text):
    """The registrable domain of an email address, URL or host, with the
    default free-mail table ("jane@emea.acme.co.uk" -> "acme.co.uk"); None
    when there is none."""
    return _default_matcher().registrable_domain(text)
