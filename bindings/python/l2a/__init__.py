# SPDX-License-Identifier: MIT
"""libl2a from Python: lead-to-account matching through ctypes.

    import l2a

    with l2a.Matcher() as m:
        m.add_account("acc-acme", name="Acme Corporation", domains=["acme.com"],
                      country="US")
        m.build()
        r = m.match(person_id="p-1", email="jane.doe@emea.acme.com")
        print(r.status, r.account_id, r.score, r.method)

The binding needs nothing but the standard library and libl2a itself, which
it looks for in this order: the file named by the L2A_LIBRARY environment
variable; a libl2a.so.0 (or libl2a.so) next to this package; the system
library path (the soname libl2a.so.0, then ctypes.util.find_library).
`l2a.library_path` says which one was loaded.
"""

from ._native import ABI_MAJOR, LIBRARY_ENV, library_path
from ._errors import (
    AlreadyBuiltError,
    DuplicateIdError,
    ErrorCode,
    InternalError,
    InvalidArgumentError,
    InvalidUTF8Error,
    L2AError,
    MissingIdError,
    ModelFormatError,
    NotBuiltError,
    NotFoundError,
    OutOfMemoryError,
    ReadError,
    SingleValuedError,
    TooLongError,
    strerror,
)
from ._core import (
    CLASS_ACCOUNT,
    CLASS_ANONYMOUS,
    CLASS_KNOWN,
    FEATURE_COUNT,
    FIELD_MAX_BYTES,
    METHOD_ALIAS,
    METHOD_DOMAIN,
    METHOD_NAME,
    METHOD_WEBSITE,
    STATUS_AMBIGUOUS,
    STATUS_ANONYMOUS,
    STATUS_BELOW_THRESHOLD,
    STATUS_MATCHED,
    STATUS_NO_CANDIDATE,
    STATUS_REJECTED,
    STATUS_SKIPPED,
    Candidate,
    Feature,
    Field,
    Matcher,
    MatchResult,
    Method,
    NameSearch,
    Param,
    PersonClass,
    Reason,
    Status,
    feature_name,
    field_name,
    library_version,
    library_version_number,
    method_name,
    normalize_name,
    param_bounds,
    person_class_name,
    registrable_domain,
    status_name,
)

#: The version of this binding; it follows the library's.
__version__ = "0.1.0"

__all__ = [
    "ABI_MAJOR", "LIBRARY_ENV", "library_path",
    "AlreadyBuiltError", "DuplicateIdError", "ErrorCode", "InternalError",
    "InvalidArgumentError", "InvalidUTF8Error", "L2AError", "MissingIdError",
    "ModelFormatError", "NotBuiltError", "NotFoundError", "OutOfMemoryError", "ReadError",
    "SingleValuedError", "TooLongError", "strerror",
    "CLASS_ACCOUNT", "CLASS_ANONYMOUS", "CLASS_KNOWN", "FEATURE_COUNT", "FIELD_MAX_BYTES",
    "METHOD_ALIAS", "METHOD_DOMAIN", "METHOD_NAME", "METHOD_WEBSITE",
    "STATUS_AMBIGUOUS", "STATUS_ANONYMOUS", "STATUS_BELOW_THRESHOLD", "STATUS_MATCHED",
    "STATUS_NO_CANDIDATE", "STATUS_REJECTED", "STATUS_SKIPPED",
    "Candidate", "Feature", "Field", "Matcher", "MatchResult", "Method", "NameSearch", "Param",
    "PersonClass", "Reason", "Status",
    "feature_name", "field_name", "library_version", "library_version_number",
    "method_name", "normalize_name", "param_bounds", "person_class_name",
    "registrable_domain", "status_name",
]
