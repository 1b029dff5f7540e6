#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
"""Sums every individual test result of a `tools/run-tests` run.

    tools/tap-summary.py TESTLOG.json [--conformance RESULTS.json]
                         [--meson-exit N] [--conformance-exit N]

TESTLOG.json is meson's build/meson-logs/testlog.json (one JSON object per
line, one per test; "stdout" holds the test's TAP). For each test:
  - `ok` lines are passed; `ok ... # SKIP` (and `not ok ... # TODO`) lines are
    skipped, counted apart and not as passed; `not ok` lines are failed;
  - results the plan announced but the test never printed are failed;
  - a test with no TAP results at all counts as 1 failed if meson did not
    call it OK (and as 1 skipped if meson called it SKIP);
  - a test whose TAP looks clean but that meson calls FAIL/TIMEOUT/ERROR
    (a crash after the last result, a bad exit code) adds 1 failed.
RESULTS.json is what installed-tests/conformance/run.py --json writes; its
totals are added.

Prints a table per meson test, the conformance totals, and as the very last
line `N passed, M failed`. Exits 1 if any project test failed, if meson or
the conformance run failed (e.g. the conformance floor was not met), else 0.
Conformance spec failures alone do not fail the run: the floor rules them.
"""

import argparse
import json
import re
import sys

TAP_RESULT = re.compile(r'^(not ok|ok)\b\s*(\d+)?\s*(.*)$')
TAP_PLAN = re.compile(r'^1\.\.(\d+)(.*)$')
TAP_DIRECTIVE = re.compile(r'#\s*(SKIP|TODO)\b', re.IGNORECASE)

GOOD_RESULTS = ('OK', 'EXPECTEDFAIL', 'SKIP')


def parse_tap(text):
    counts = {'passed': 0, 'failed': 0, 'skipped': 0, 'planned': None,
              'plan_skip': False, 'bail_out': False}
    for line in text.splitlines():
        m = TAP_PLAN.match(line)
        if m:
            counts['planned'] = int(m.group(1))
            counts['plan_skip'] = bool(TAP_DIRECTIVE.search(m.group(2)))
            continue
        if line.startswith('Bail out!'):
            counts['bail_out'] = True
            continue
        m = TAP_RESULT.match(line)
        if not m:
            continue
        if TAP_DIRECTIVE.search(m.group(3)):
            counts['skipped'] += 1
        elif m.group(1) == 'ok':
            counts['passed'] += 1
        else:
            counts['failed'] += 1
    return counts


def summarize_test(entry):
    """Returns (passed, failed, skipped, note) for one meson test."""
    result = entry.get('result', '')
    tap = parse_tap(entry.get('stdout') or '')
    passed, failed, skipped = tap['passed'], tap['failed'], tap['skipped']
    reported = passed + failed + skipped
    notes = []
    if tap['planned'] is not None and tap['planned'] > reported:
        missing = tap['planned'] - reported
        failed += missing
        notes.append(f'{missing} planned but not reported')
    if reported == 0 and tap['planned'] in (None, 0):
        if result == 'SKIP' or tap['plan_skip']:
            skipped += 1
            notes.append('skipped')
        elif result not in GOOD_RESULTS:
            failed += 1
            notes.append(f'no TAP results, {result}')
    elif failed == 0 and result not in GOOD_RESULTS:
        failed += 1
        notes.append(f'meson says {result}')
    if tap['bail_out']:
        notes.append('bailed out')
    return passed, failed, skipped, ', '.join(notes)


def read_testlog(path):
    tests = []
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            line = line.strip()
            if line:
                tests.append(json.loads(line))
    return tests


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('testlog', help="meson's testlog.json")
    parser.add_argument('--conformance', metavar='RESULTS.json',
                        help='results written by installed-tests/conformance/run.py --json')
    parser.add_argument('--meson-exit', type=int, default=0)
    parser.add_argument('--conformance-exit', type=int, default=0)
    args = parser.parse_args()

    problems = []
    total_passed = total_failed = total_skipped = 0
    project_failed = 0

    try:
        tests = read_testlog(args.testlog)
    except (OSError, ValueError) as e:
        tests = []
        problems.append(f'cannot read {args.testlog}: {e}')
    if not tests and not problems:
        problems.append(f'{args.testlog} lists no tests')

    if tests:
        width = max(len(t.get('name', '?')) for t in tests)
        print(f'{"project test":<{width}}  {"passed":>6}  {"failed":>6}  '
              f'{"skipped":>7}  result')
        for t in tests:
            passed, failed, skipped, note = summarize_test(t)
            total_passed += passed
            project_failed += failed
            total_skipped += skipped
            result = t.get('result', '?') + (f' ({note})' if note else '')
            print(f'{t.get("name", "?"):<{width}}  {passed:>6}  {failed:>6}  '
                  f'{skipped:>7}  {result}')
    total_failed += project_failed
    print(f'project tests: {len(tests)} tests, {total_passed} passed, '
          f'{project_failed} failed, {total_skipped} skipped')
    if project_failed:
        problems.append(f'{project_failed} project test results failed')
    if args.meson_exit != 0:
        problems.append(f'meson test exited with status {args.meson_exit}')

    if args.conformance:
        try:
            with open(args.conformance) as f:
                conf = json.load(f)
            total_passed += conf['passed']
            total_failed += conf['failed']
            total_skipped += conf['skipped']
            floor = conf.get('floor')
            print(f'GJS conformance: {conf["passed"]} passed, {conf["failed"]} '
                  f'failed, {conf["skipped"]} skipped'
                  + (f' (floor {floor})' if floor is not None else ''))
            if not conf.get('floor_met', True):
                problems.append(f'GJS conformance floor not met: '
                                f'{conf["passed"]} passed, floor {floor}')
        except (OSError, ValueError, KeyError) as e:
            problems.append(f'cannot read conformance results {args.conformance}: {e}')
    if args.conformance_exit != 0 and not any('floor' in p for p in problems):
        problems.append(f'conformance run exited with status {args.conformance_exit}')

    for p in problems:
        print(f'FAILED: {p}')
    if not problems:
        print('OK: all project tests passed and the conformance floor is met')
    print(f'{total_passed} passed, {total_failed} failed', flush=True)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
