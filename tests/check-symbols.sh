#!/bin/sh
# SPDX-License-Identifier: MIT
# The shared library must export exactly the functions that l2a.h declares
# with L2A_API, and the version script must list exactly those.
set -eu
lib=$1 header=$2 map=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVWi]$/ {print $3}' | sed 's/@.*//' | grep -v '^L2A_' | sort -u > "$tmp/exported"
grep -o '^L2A_API [^(]*(' "$header" | sed 's/($//; s/.*[ *]//' | sort -u > "$tmp/declared"
sed -n 's/^ *\(l2a_[a-z0-9_]*\);$/\1/p' "$map" | sort -u > "$tmp/mapped"

status=0
if ! diff -u "$tmp/declared" "$tmp/exported"; then
    echo "FAIL: exported symbols differ from the L2A_API declarations in l2a.h" >&2
    status=1
fi
if ! diff -u "$tmp/declared" "$tmp/mapped"; then
    echo "FAIL: the version script differs from the L2A_API declarations in l2a.h" >&2
    status=1
fi
if grep -v '^l2a_' "$tmp/exported"; then
    echo "FAIL: symbols outside the l2a_ namespace are exported" >&2
    status=1
fi
[ "$status" = 0 ] && echo "ok: $(wc -l < "$tmp/exported") symbols exported, all declared in l2a.h"
exit $status
