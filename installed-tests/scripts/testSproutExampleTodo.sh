#!/bin/sh
# SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
# TAP test of examples/todo (Gtk 4): runs the app's self-test, which acts
# as a user (types items, clicks Add, ticks boxes) and checks the widget
# tree, then checks the screenshot it saved of the window.
# Usage: testSproutExampleTodo.sh PATH-TO-SPROUT (under xvfb-run)

sprout="${1:?usage: $0 PATH-TO-SPROUT}"
example="$(cd "$(dirname "$0")/../../examples/todo" && pwd)/main.js"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
total=0

report () {
    status=$?
    total=$((total + 1))
    if test $status -eq 0; then
        echo "ok $total - $1"
    else
        echo "not ok $total - $1"
    fi
}

out="$(timeout 60 "$sprout" "$example" --self-test \
    "--screenshot=$work/todo.png" 2>"$work/stderr")"
code=$?
echo "$out" | sed 's/^/# /'
test $code -eq 0
report "the app runs its self-test and exits 0"

echo "$out" | grep -q '^SELF-TEST OK$'
report "the window shows the three items, their states and the count"

echo "$out" | grep -q '"\[x\] Write the report"'
report "a ticked item is shown ticked"

echo "$out" | grep -q '"statusAfterClick": "1 of 3 left"'
report "ticking a box updates the model and the status label"

# A PNG whose IHDR says the window's content size (non-empty).
python3 - "$work/todo.png" <<'PY'
import struct, sys
with open(sys.argv[1], 'rb') as f:
    data = f.read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
width, height = struct.unpack('>II', data[16:24])
assert width > 200 and height > 200, (width, height)
assert len(data) > 2000, 'suspiciously small image'
PY
report "the screenshot is a PNG of the window's content"

! grep -q 'JS ERROR' "$work/stderr"
report "no JS errors were logged"

echo "1..$total"
