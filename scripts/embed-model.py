#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Turns a model file into a C source holding it as a string, so that the
compiled-in default model is exactly the file the training recipe wrote."""
import sys


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: embed-model.py MODEL OUTPUT.c", file=sys.stderr)
        return 2
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    data.decode("ascii")  # model files are ASCII; fail the build otherwise
    lines = ["/* Generated from %s by embed-model.py: do not edit. */" % sys.argv[1].rsplit("/", 1)[-1],
             "#include <stddef.h>",
             "extern const char l2a_default_model_text[];",
             "extern const size_t l2a_default_model_size;",
             "const char l2a_default_model_text[] ="]
    for raw in data.splitlines(keepends=True):
        text = raw.decode("ascii").replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        lines.append('    "%s"' % text)
    lines.append('    "";')
    lines.append("const size_t l2a_default_model_size = %d;" % len(data))
    with open(sys.argv[2], "w") as f:
        f.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
