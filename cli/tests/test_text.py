# SPDX-License-Identifier: MIT
"""`l2a domain` and `l2a normalize`: one output line per input text."""
import os

from clitest import EXIT_OK, EXIT_REJECTS, EXIT_USAGE, expect, expect_eq, expect_rc, l2a, main

DOMAINS = [
    ("jane@EMEA.Acme.co.uk", "acme.co.uk"),
    ("https://www.acme.com/about?x=1", "acme.com"),
    ("http://shop.example.org:8080/", "example.org"),
    ("WWW.GLOBEX.IO", "globex.io"),
    ("bob@sales.cyberdyne-robotics.com", "cyberdyne-robotics.com"),
    ("b\u00fccher.de", "xn--bcher-kva.de"),
    ("not a domain", ""),
    ("", ""),
    ("co.uk", ""),
]


def lines(proc):
    text = proc.stdout.decode("utf-8")
    expect(text.endswith("\n"), "output ends with a line break")
    return text[:-1].split("\n")


def test_domain_of_emails_urls_and_hosts():
    proc = l2a("domain", *[t for t, _ in DOMAINS])
    expect_rc(proc, EXIT_OK, "domain")
    expect_eq(lines(proc), [d for _, d in DOMAINS], "one domain (or empty line) per text")


def test_domain_reads_stdin_without_arguments():
    stdin = "".join(t + "\n" for t, _ in DOMAINS if t).encode("utf-8")
    proc = l2a("domain", stdin=stdin)
    expect_rc(proc, EXIT_OK, "domain from stdin")
    expect_eq(lines(proc), [d for t, d in DOMAINS if t], "one line per input line")


def test_texts_that_look_like_options():
    proc = l2a("domain", "acme.com", "-x")
    expect_rc(proc, EXIT_OK, "an option-like text after a text")
    expect_eq(lines(proc), ["acme.com", ""], "texts")
    proc = l2a("domain", "--", "-acme.com")
    expect_rc(proc, EXIT_OK, "after --")
    expect_eq(len(lines(proc)), 1, "one line")
    expect_rc(l2a("domain", "-x"), EXIT_USAGE, "unknown option")


def test_normalize_gives_one_key_for_spellings_of_a_name():
    spellings = ["ACME Holdings, Inc.", "Acme Holdings Inc", "  acme   holdings,  inc. "]
    proc = l2a("normalize", *spellings, "Soci\u00e9t\u00e9 G\u00e9n\u00e9rale S.A.", "")
    expect_rc(proc, EXIT_OK, "normalize")
    out = lines(proc)
    expect_eq(len(out), 5, "one line per text")
    expect_eq(out[:3], ["acme holdings"] * 3, "the documented key of all spellings")
    expect(out[3] and out[3].isascii() and out[3] == out[3].lower() and "," not in out[3],
           f"folded, transliterated: {out[3]!r}")
    expect_eq(out[4], "", "empty text")


def test_invalid_text_gives_an_empty_line_and_status_1():
    proc = l2a("normalize", "Acme", os.fsdecode(b"\xff"), "Globex")
    expect_rc(proc, EXIT_REJECTS, "invalid UTF-8")
    out = lines(proc)
    expect_eq(len(out), 3, "one line per text")
    expect_eq(out[1], "", "empty line for the invalid text")
    expect(b"invalid UTF-8" in proc.stderr, proc.stderr)


if __name__ == "__main__":
    main([test_domain_of_emails_urls_and_hosts, test_domain_reads_stdin_without_arguments,
          test_texts_that_look_like_options, test_normalize_gives_one_key_for_spellings_of_a_name,
          test_invalid_text_gives_an_empty_line_and_status_1])
