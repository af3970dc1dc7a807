#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The library as its users get it: install libl2a into a temporary prefix
# with `meson install`, then build consumer.c against that installation
# with nothing but what `pkg-config l2a` says, once against the shared
# library and once against the static archive, and run both.
#
#   run-consumer-test.sh SOURCE_ROOT MESON C-COMPILER...
#
# Exit status: 0 when both programs build and print the expected line,
# 77 (skipped) when pkg-config or readelf is missing, 1 otherwise.
set -eu

srcroot=$1
meson=$2
shift 2
cc=$*
expected='matched acc-acme domain xn--bcher-kva.co.uk'

for tool in pkg-config readelf; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: $tool is not installed"
        exit 77
    fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/l2a-consumer.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
status=0

fail() {
    echo "FAIL: $*" >&2
    status=1
}

# Runs a command quietly; on failure prints its output and stops the test.
quiet() {
    if ! "$@" >"$tmp/log" 2>&1; then
        cat "$tmp/log" >&2
        echo "FAIL: $*" >&2
        exit 1
    fi
}

echo "== meson setup and install into a temporary prefix"
quiet "$meson" setup "$tmp/build" "$srcroot" --prefix="$prefix" \
    -Dtests=false -Dcli=false -Ddocs=disabled
quiet "$meson" install -C "$tmp/build"

pc=$(find "$prefix" -name l2a.pc)
if [ -z "$pc" ]; then
    echo "FAIL: no l2a.pc installed under the prefix" >&2
    find "$prefix" >&2
    exit 1
fi
echo "installed: ${pc#"$prefix"/}"
PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_PATH
unset PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR LD_LIBRARY_PATH 2>/dev/null || true

libdir=$(pkg-config --variable=libdir l2a)
includedir=$(pkg-config --variable=includedir l2a)
case $libdir in
"$prefix"/*) ;;
*) fail "libdir $libdir is not under the prefix" ;;
esac

echo "== what was installed"
headers=$(cd "$prefix" && find include -type f | sort)
[ "$headers" = "include/l2a.h" ] || fail "installed headers are not just include/l2a.h: $headers"
for f in libl2a.a "libl2a.so" "libl2a.so.0"; do
    [ -e "$libdir/$f" ] || fail "$libdir/$f is missing"
done
soname=$(readelf -d "$libdir/libl2a.so" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
[ "$soname" = "libl2a.so.0" ] || fail "soname is '$soname', not libl2a.so.0"

echo "== l2a.pc"
cat "$pc"
header_version=$(sed -n 's/^#define L2A_VERSION_STRING "\(.*\)"$/\1/p' "$includedir/l2a.h")
pc_version=$(pkg-config --modversion l2a)
[ "$pc_version" = "$header_version" ] ||
    fail "l2a.pc says version $pc_version, l2a.h says $header_version"
requires=$(pkg-config --print-requires-private l2a | awk '{print $1}' | tr '\n' ' ')
for dep in icu-uc icu-i18n libxxhash libpsl; do
    case " $requires" in
    *" $dep "*) ;;
    *) fail "Requires.private of l2a.pc lacks $dep (it has: $requires); a static link cannot find it" ;;
    esac
done

echo "== shared: $cc consumer.c \$(pkg-config --cflags --libs l2a)"
# shellcheck disable=SC2046 # pkg-config's output is meant to be split
if $cc -o "$tmp/consumer-shared" "$srcroot/tests/consumers/consumer.c" \
    $(pkg-config --cflags --libs l2a) >"$tmp/log" 2>&1; then
    if ! readelf -d "$tmp/consumer-shared" | grep -q 'NEEDED.*\[libl2a\.so\.0\]'; then
        fail "the shared consumer does not depend on libl2a.so.0"
    fi
    out=$(LD_LIBRARY_PATH=$libdir "$tmp/consumer-shared") || fail "the shared consumer failed: $out"
    [ "$out" = "$expected" ] || fail "shared consumer printed '$out', expected '$expected'"
    echo "ok: $out"
else
    head -n 40 "$tmp/log" >&2
    fail "the shared consumer does not build"
fi

echo "== static: $cc consumer.c libl2a.a \$(pkg-config --static --libs l2a)"
static_libs=
for word in $(pkg-config --static --libs l2a); do
    [ "$word" = -ll2a ] || static_libs="$static_libs $word"
done
# shellcheck disable=SC2046,SC2086
if $cc -o "$tmp/consumer-static" "$srcroot/tests/consumers/consumer.c" \
    $(pkg-config --cflags l2a) "$libdir/libl2a.a" $static_libs >"$tmp/log" 2>&1; then
    if readelf -d "$tmp/consumer-static" | grep -q 'NEEDED.*libl2a'; then
        fail "the static consumer still depends on the shared libl2a"
    fi
    # No LD_LIBRARY_PATH: nothing of libl2a can be found at run time.
    out=$("$tmp/consumer-static") || fail "the static consumer failed: $out"
    [ "$out" = "$expected" ] || fail "static consumer printed '$out', expected '$expected'"
    echo "ok: $out"
else
    head -n 40 "$tmp/log" >&2
    fail "the static consumer does not link with: $static_libs"
fi

exit $status
