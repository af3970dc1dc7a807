# SPDX-License-Identifier: MIT
"""Exceptions: one class per l2a_error code, all subclasses of L2AError."""

import enum

from ._native import lib


class ErrorCode(enum.IntEnum):
    """enum l2a_error. Values are fixed forever."""

    OK = 0
    INVALID_ARGUMENT = 1
    NOMEM = 2
    INVALID_UTF8 = 3
    TOO_LONG = 4
    MISSING_ID = 5
    DUPLICATE_ID = 6
    NOT_BUILT = 7
    ALREADY_BUILT = 8
    IO = 9
    MODEL_FORMAT = 10
    NOT_FOUND = 11
    INTERNAL = 12
    SINGLE_VALUED = 13


def strerror(code):
    """The library's static description of an error code (l2a_strerror)."""
    return lib.l2a_strerror(int(code)).decode("utf-8", "replace")


class L2AError(Exception):
    """A libl2a call failed.

    Attributes:
        code: the l2a_error code (an ErrorCode, or a plain int for codes this
            binding does not know).
        description: the library's static description of the code
            (l2a_strerror).
        detail: the detailed message the library left on the handle
            (l2a_*_errmsg), or "" when there is none.
    """

    code = None
    description = ""
    detail = ""


class InvalidArgumentError(L2AError, ValueError):
    """L2A_ERR_INVALID_ARGUMENT: an unknown enum value or a value out of range."""


class OutOfMemoryError(L2AError, MemoryError):
    """L2A_ERR_NOMEM: memory allocation failed; the object is unchanged."""


class InvalidUTF8Error(L2AError, ValueError):
    """L2A_ERR_INVALID_UTF8: text is not well-formed UTF-8, or holds a NUL."""


class TooLongError(L2AError, ValueError):
    """L2A_ERR_TOO_LONG: a value exceeds L2A_FIELD_MAX_BYTES."""


class MissingIdError(L2AError, ValueError):
    """L2A_ERR_MISSING_ID: an account without an id."""


class DuplicateIdError(L2AError, ValueError):
    """L2A_ERR_DUPLICATE_ID: an account id that was already added."""


class NotBuiltError(L2AError, RuntimeError):
    """L2A_ERR_NOT_BUILT: matching before build()."""


class AlreadyBuiltError(L2AError, RuntimeError):
    """L2A_ERR_ALREADY_BUILT: changing accounts or the model after build()."""


class ReadError(L2AError, OSError):
    """L2A_ERR_IO: a file could not be read."""


class ModelFormatError(L2AError, ValueError):
    """L2A_ERR_MODEL_FORMAT: a model is malformed or of an unknown version."""


class NotFoundError(L2AError, LookupError):
    """L2A_ERR_NOT_FOUND: the requested item does not exist."""


class InternalError(L2AError, RuntimeError):
    """L2A_ERR_INTERNAL: a dependency (ICU, libpsl) failed unexpectedly."""


class SingleValuedError(L2AError, ValueError):
    """L2A_ERR_SINGLE_VALUED: several values given for a single-valued field."""


_CLASSES = {
    ErrorCode.INVALID_ARGUMENT: InvalidArgumentError,
    ErrorCode.NOMEM: OutOfMemoryError,
    ErrorCode.INVALID_UTF8: InvalidUTF8Error,
    ErrorCode.TOO_LONG: TooLongError,
    ErrorCode.MISSING_ID: MissingIdError,
    ErrorCode.DUPLICATE_ID: DuplicateIdError,
    ErrorCode.NOT_BUILT: NotBuiltError,
    ErrorCode.ALREADY_BUILT: AlreadyBuiltError,
    ErrorCode.IO: ReadError,
    ErrorCode.MODEL_FORMAT: ModelFormatError,
    ErrorCode.NOT_FOUND: NotFoundError,
    ErrorCode.INTERNAL: InternalError,
    ErrorCode.SINGLE_VALUED: SingleValuedError,
}


def error_for(code, detail=b"", context=""):
    """The exception for a non-zero l2a_error code.

    detail is the handle's message (bytes from l2a_*_errmsg, or str);
    context, when given, says what was being done ("add_account", ...).
    """
    try:
        code = ErrorCode(code)
    except ValueError:
        pass
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    detail = detail or ""
    # The handle's message names what failed; without one, say it here.
    text = detail or strerror(code)
    if context and not detail:
        text = context + ": " + text
    # Exceptions are created from one argument only: OSError gives a meaning
    # of its own to several.
    exc = _CLASSES.get(code, L2AError)(text)
    exc.code = code
    exc.description = strerror(code)
    exc.detail = detail
    return exc
