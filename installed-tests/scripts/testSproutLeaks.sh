#!/bin/sh
# SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
# TAP test: transfer-full values that cross the GI boundary (strings,
# arrays, lists, hash tables, strvs, boxed structs, GValues, GErrors,
# GBytes, byte arrays, variants) are freed. Runs leak-workload.js under
# valgrind with few and with many iterations: memory valgrind finds
# "definitely lost" must not grow with the iterations (what start-up leaves
# is the same in both runs).
# Usage: testSproutLeaks.sh PATH-TO-SPROUT (valgrind on PATH)

sprout="${1:?usage: $0 PATH-TO-SPROUT}"
workload="$(cd "$(dirname "$0")" && pwd)/leak-workload.js"

# The bytes definitely lost after $1 rounds; nothing if the workload did
# not run to its end.
lost () {
    out=$(G_SLICE=always-malloc valgrind --leak-check=full \
        --show-leak-kinds=definite "$sprout" "$workload" "$1" 2>&1)
    case "$out" in
    *"workload done"*)
        echo "$out" | sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' |
            tr -d , ;;
    *)
        echo "$out" | grep 'JS ERROR' | sed 's/^/# /' >&2 ;;
    esac
}

few=$(lost 10)
many=$(lost 110)
echo "# definitely lost: ${few:-?} bytes after 10 rounds, ${many:-?} after 110"
if test -n "$few" && test -n "$many" && test $((many - few)) -lt 600; then
    echo "ok 1 - transfer-full values are freed (no growth with iterations)"
else
    echo "not ok 1 - transfer-full values are freed (no growth with iterations)"
fi
echo "1..1"
