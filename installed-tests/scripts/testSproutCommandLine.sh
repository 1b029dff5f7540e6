#!/bin/sh
# SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
# TAP test of the `sprout` command line: options, ARGV, exit codes, error
# reports, the importer's -I folders and the spin after the main script.
# Usage: testSproutCommandLine.sh PATH-TO-SPROUT

sprout="${1:?usage: $0 PATH-TO-SPROUT}"
examples="$(cd "$(dirname "$0")/../../examples" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
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

out="$("$sprout" -c 'print(1 + 1)')"
test "$out" = 2
report "-c runs code and print() writes a line"

out="$("$sprout" -c 'print(JSON.stringify(ARGV))' a 'b c' Valentín)"
test "$out" = '["a","b c","Valentín"]'
report "-c passes the remaining arguments in ARGV"

cat > argv.js <<'JS'
print(JSON.stringify(ARGV));
print(imports.system.programPath);
JS
out="$("$sprout" argv.js a b)"
test "$out" = "[\"a\",\"b\"]
$work/argv.js"
report "a script sees ARGV ['a', 'b'] and its absolute programPath"

out="$("$sprout" argv.js --help -I x)"
test "$(echo "$out" | head -1)" = '["--help","-I","x"]'
report "options after the script belong to the script"

cat > throws.js <<'JS'
function thrower() {
    throw new Error('thrown on purpose');
}
thrower();
JS
err="$("$sprout" throws.js 2>&1)"
status=$?
test $status -eq 1
report "an uncaught exception exits with 1"
echo "$err" | grep -q 'JS ERROR: Error: thrown on purpose'
report "an uncaught exception prints JS ERROR and the message"
echo "$err" | grep -q 'thrower@throws.js:2:' && echo "$err" | grep -q '@throws.js:4:'
report "an uncaught exception prints the stack with file:line:column"

printf 'var a = 1;\nvar b = ;\n' > syntax.js
err="$("$sprout" syntax.js 2>&1)"
status=$?
test $status -eq 1 && echo "$err" | grep -q 'SyntaxError.*syntax.js:2'
report "a syntax error exits with 1 and names file and line"

"$sprout" -c 'imports.system.exit(42)'
test $? -eq 42
report "System.exit(42) exits with 42"

"$sprout" -c 'imports.system.exit(0); throw new Error("not reached")' 2>/dev/null
test $? -eq 0
report "System.exit(0) stops the script"

out="$("$sprout" -c 'Promise.resolve().then(() => { print("job"); imports.system.exit(7); }); Promise.resolve().then(() => print("not printed"))')"
status=$?
test $status -eq 7 && test "$out" = job
report "jobs run before exit, and none after System.exit()"

err="$("$sprout" -c 'Promise.resolve().then(() => { throw new Error("rejected"); });' 2>&1)"
echo "$err" | grep -q 'Gjs-WARNING.*Unhandled promise rejection.*[sS]tack trace'
report "an unhandled promise rejection is reported with a stack trace"

err="$("$sprout" -c 'async function f() { throw new Error("x"); } (async () => { try { await f(); } catch (e) {} })();' 2>&1)"
test -z "$err"
report "a caught await does not report a rejection"

err="$("$sprout" -c '(async () => await true)(); void foobar;' 2>&1)"
echo "$err" | grep -q 'ReferenceError: .*foobar'
report "main script exceptions are not swallowed by pending jobs"

out="$("$sprout" -c 'setTimeout(() => print("timer"), 0); queueMicrotask(() => print("micro")); print("sync")')"
test "$out" = "sync
micro
timer"
report "microtasks run before ready timers, both before exit"

mkdir -p lib/sub
echo 'var greeting = "hello from lib";' > lib/greet.js
echo 'var deep = "deep";' > lib/sub/deep.js
out="$("$sprout" -I lib -c 'print(imports.greet.greeting, imports.sub.deep.deep)')"
test "$out" = "hello from lib deep"
report "-I adds a folder to the search path"

out="$("$sprout" --include-path=lib -c 'print(imports.searchPath.includes("lib"))')"
test "$out" = true
report "--include-path=DIR works too"

"$sprout" --version | grep -q '^Sprout [0-9]'
report "--version prints the version"

test -n "$("$sprout" --help)" && test -n "$("$sprout" --help -c 'imports.system.exit(1)')"
report "--help prints help, also before -c"

"$sprout" --invalid-option >/dev/null 2>&1
test $? -ne 0
report "an invalid option fails"
"$sprout" --invalid-option 2>&1 | grep -q invalid-option
report "an invalid option is named in the message"

"$sprout" -m argv.js >/dev/null 2>err.txt
test $? -eq 2 && grep -q 'ES module' err.txt
report "-m fails with a clear message until the module loader exists"

"$sprout" does-not-exist.js 2>err.txt
test $? -eq 1 && grep -q 'does-not-exist.js' err.txt
report "a missing script file is named and exits with 1"

printf '#!/usr/bin/env gjs\nprint("shebang ok")\n' > shebang.js
test "$("$sprout" shebang.js)" = "shebang ok"
report "a #! line is ignored"

out="$(echo 'let x = 20;
x + 1' | "$sprout")"
test "$out" = 21
report "without a script, the console evaluates standard input"

mkdir -p tree/sub && printf '1234567890' > tree/sub/ten.txt && printf 'abc' > tree/three.txt
out="$("$sprout" "$examples/main.js" tree 2>/dev/null)"
echo "$out" | grep -q '2 files in 2 folders, 13 bytes' && echo "$out" | grep -q 'ten.txt'
report "the example app walks a folder with Gio and reports it"

echo "1..$total"
