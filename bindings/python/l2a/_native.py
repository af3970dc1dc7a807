# SPDX-License-Identifier: MIT
"""The ctypes layer: finding libl2a, and the prototype of every function.

Nothing here is public. Each function of l2a.h gets its argtypes and restype
once, when the library is loaded; handles are typed pointers to opaque
structures, so a record can never be passed where a result is expected.
"""

import ctypes
import ctypes.util
import os
import sys

#: The ABI major version (soname number) this binding is written for.
ABI_MAJOR = 0
#: The oldest library version that has every function used here (0.1.0).
MIN_VERSION_NUMBER = 100

#: Environment variable naming the library file to load.
LIBRARY_ENV = "L2A_LIBRARY"


class Matcher(ctypes.Structure):
    """struct l2a_matcher (opaque)."""


class Record(ctypes.Structure):
    """struct l2a_record (opaque)."""


class Result(ctypes.Structure):
    """struct l2a_result (opaque)."""


MatcherP = ctypes.POINTER(Matcher)
RecordP = ctypes.POINTER(Record)
ResultP = ctypes.POINTER(Result)

_c_int = ctypes.c_int
_c_uint = ctypes.c_uint
_size_t = ctypes.c_size_t
_double = ctypes.c_double
_char_p = ctypes.c_char_p
_size_p = ctypes.POINTER(ctypes.c_size_t)
_double_p = ctypes.POINTER(ctypes.c_double)
_int_p = ctypes.POINTER(ctypes.c_int)

# name: (restype, argtypes). Every function of l2a.h, in the header's order.
# Borrowed strings are declared c_char_p: ctypes copies them into bytes at
# once, so nothing borrowed outlives the call that returned it.
PROTOTYPES = {
    "l2a_version_number": (_c_uint, []),
    "l2a_version": (_char_p, []),
    "l2a_strerror": (_char_p, [_c_int]),
    "l2a_field_name": (_char_p, [_c_int]),
    "l2a_record_new": (_c_int, [ctypes.POINTER(RecordP)]),
    "l2a_record_free": (None, [RecordP]),
    "l2a_record_clear": (None, [RecordP]),
    "l2a_record_set": (_c_int, [RecordP, _c_int, _char_p, _size_t]),
    "l2a_record_add": (_c_int, [RecordP, _c_int, _char_p, _size_t]),
    "l2a_record_count": (_size_t, [RecordP, _c_int]),
    "l2a_record_get": (_char_p, [RecordP, _c_int, _size_t, _size_p]),
    "l2a_record_errmsg": (_char_p, [RecordP]),
    "l2a_person_class_name": (_char_p, [_c_int]),
    "l2a_status_name": (_char_p, [_c_int]),
    "l2a_method_name": (_char_p, [_c_int]),
    "l2a_feature_name": (_char_p, [_c_int]),
    "l2a_result_new": (_c_int, [ctypes.POINTER(ResultP)]),
    "l2a_result_free": (None, [ResultP]),
    "l2a_result_status": (_c_int, [ResultP]),
    "l2a_result_person_class": (_c_int, [ResultP]),
    "l2a_result_method": (_c_int, [ResultP]),
    "l2a_result_account_id": (_char_p, [ResultP]),
    "l2a_result_score": (_double, [ResultP]),
    "l2a_result_runner_up_id": (_char_p, [ResultP]),
    "l2a_result_runner_up_score": (_double, [ResultP]),
    "l2a_result_reason_count": (_size_t, [ResultP]),
    "l2a_result_reason": (_c_int, [ResultP, _size_t, _int_p, _double_p, _double_p]),
    "l2a_result_candidate_count": (_size_t, [ResultP]),
    "l2a_result_candidate_id": (_char_p, [ResultP, _size_t]),
    "l2a_result_candidate_score": (_double, [ResultP, _size_t]),
    "l2a_result_candidate_feature": (_c_int, [ResultP, _size_t, _c_int, _double_p, _double_p]),
    "l2a_result_errmsg": (_char_p, [ResultP]),
    "l2a_matcher_new": (_c_int, [ctypes.POINTER(MatcherP)]),
    "l2a_matcher_free": (None, [MatcherP]),
    "l2a_matcher_errmsg": (_char_p, [MatcherP]),
    "l2a_matcher_set_param": (_c_int, [MatcherP, _c_int, _double]),
    "l2a_matcher_get_param": (_c_int, [MatcherP, _c_int, _double_p]),
    "l2a_param_bounds": (_c_int, [_c_int, _double_p, _double_p]),
    "l2a_matcher_set_model": (_c_int, [MatcherP, _char_p, _size_t]),
    "l2a_matcher_load_model": (_c_int, [MatcherP, _char_p]),
    "l2a_matcher_model_version": (_char_p, [MatcherP]),
    "l2a_matcher_add_freemail": (_c_int, [MatcherP, _char_p, _size_t]),
    "l2a_matcher_add_account": (_c_int, [MatcherP, RecordP]),
    "l2a_matcher_account_count": (_size_t, [MatcherP]),
    "l2a_matcher_build": (_c_int, [MatcherP]),
    "l2a_matcher_remove_account": (_c_int, [MatcherP, _char_p, _size_t]),
    "l2a_matcher_compact": (_c_int, [MatcherP]),
    "l2a_match": (_c_int, [MatcherP, RecordP, ResultP]),
    "l2a_normalize_name": (_c_int, [MatcherP, _char_p, _size_t, _char_p, _size_t, _size_p]),
    "l2a_registrable_domain": (_c_int, [MatcherP, _char_p, _size_t, _char_p, _size_t, _size_p]),
}


def _library_file_names():
    """File names the library may have next to the package, by platform."""
    if sys.platform == "darwin":
        return ["libl2a.%d.dylib" % ABI_MAJOR, "libl2a.dylib"]
    if sys.platform == "win32":
        return ["l2a-%d.dll" % ABI_MAJOR, "l2a.dll", "libl2a.dll"]
    return ["libl2a.so.%d" % ABI_MAJOR, "libl2a.so"]


def _candidates():
    """Where to look, in order: (description, what to pass to CDLL)."""
    explicit = os.environ.get(LIBRARY_ENV)
    if explicit:
        # An explicit choice is never second-guessed: no fallback.
        return [("$" + LIBRARY_ENV, explicit)]
    found = []
    package_dir = os.path.dirname(os.path.abspath(__file__))
    for name in _library_file_names():
        path = os.path.join(package_dir, name)
        if os.path.exists(path):
            found.append(("next to the package", path))
    # The system search path of the dynamic loader (LD_LIBRARY_PATH,
    # ld.so.cache, ...): first the soname, then whatever find_library knows.
    found.append(("system path", _library_file_names()[0]))
    guessed = ctypes.util.find_library("l2a")
    if guessed:
        found.append(("system path", guessed))
    return found


def _declare(lib):
    for name, (restype, argtypes) in PROTOTYPES.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes


def load():
    """Load libl2a and declare its functions; returns (CDLL, where it came from)."""
    errors = []
    for where, target in _candidates():
        try:
            lib = ctypes.CDLL(target)
        except OSError as e:
            errors.append("%s (%s): %s" % (target, where, e))
            continue
        try:
            _declare(lib)
        except AttributeError as e:
            errors.append("%s (%s): not libl2a or too old: %s" % (target, where, e))
            continue
        number = lib.l2a_version_number()
        if number // 10000 != ABI_MAJOR or number < MIN_VERSION_NUMBER:
            errors.append(
                "%s (%s): version %s, but this binding needs %d.x, at least %d.%d"
                % (target, where, lib.l2a_version().decode("ascii", "replace"), ABI_MAJOR,
                   MIN_VERSION_NUMBER // 10000, MIN_VERSION_NUMBER // 100 % 100))
            continue
        return lib, getattr(lib, "_name", target)
    raise ImportError(
        "l2a: cannot load libl2a; set %s to the library file, put it next to the l2a "
        "package, or install it on the system library path. Tried:\n  %s"
        % (LIBRARY_ENV, "\n  ".join(errors)))


lib, library_path = load()
