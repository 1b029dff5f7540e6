#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
"""Runs GJS's own test suite (Debian package gjs-tests) on Sprout.

    installed-tests/conformance/run.py [--only PATTERN]... [--floor FILE]
        [--json OUT] [--jobs N] [--timeout SECONDS] [--build-dir DIR]
    installed-tests/conformance/run.py --record-expected

What it runs:

- every /usr/libexec/installed-tests/gjs/js/test*.js with Sprout's spec runner
  (build/installed-tests/runner/sprout-jasmine), as a script or, when the
  suite's /usr/share/installed-tests/gjs/NAME.test says `-m`, as an ES module;
- the suite's command-line scripts (scripts/testCommandLine.sh, ...) with
  `gjs-console` and `gjs` on PATH pointing at build/sprout/cli/sprout.

Everything runs inside one `xvfb-run -a` + `dbus-run-session` (the script
re-executes itself inside them), each file in a fresh temporary folder as cwd,
with GI_TYPELIB_PATH and LD_LIBRARY_PATH prefixed by the suite's folder (its
test typelibs and libraries live there) and a timeout per file.

Counting: the suite's helper modules live in a GResource bundle inside GJS's
minijasmine binary; it is extracted once and recompiled into
build/conformance/gjs-jsunit.gresource. A file that crashes, bails out or
hangs never reports some of its specs, so each file's expected number of specs
(recorded once by running the suite with GJS itself, see --record-expected,
kept in expected-counts.json beside this script) bounds its count:
failed = max(expected, planned, reported) - passed - skipped.

Output: a table (file, passed, failed, skipped, status) and, as the last line,
`N passed, M failed`. With --floor FILE the run fails when fewer specs pass
than the integer in FILE (the floor may only go up). Logs of every file are
kept in build/conformance/logs/.

Standard library only.
"""

import argparse
import concurrent.futures
import fnmatch
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.sax.saxutils

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

GJS_TESTS_DIR = '/usr/libexec/installed-tests/gjs'
GJS_JS_DIR = os.path.join(GJS_TESTS_DIR, 'js')
GJS_SCRIPTS_DIR = os.path.join(GJS_TESTS_DIR, 'scripts')
GJS_META_DIR = '/usr/share/installed-tests/gjs'
GJS_MINIJASMINE = os.path.join(GJS_TESTS_DIR, 'minijasmine')
GJS_CONSOLE = shutil.which('gjs-console') or '/usr/bin/gjs-console'

SCRIPTS = ['testCommandLine.sh', 'testCommandLineModules.sh', 'testWarnings.sh']

EXPECTED_FILE = os.path.join(HERE, 'expected-counts.json')

DEFAULT_TIMEOUT = 60
SCRIPT_TIMEOUT = 120
# The whole run stops starting files after this many seconds (the files not
# run count as failed), so that a Sprout that hangs everywhere still leaves
# CI time to report.
DEFAULT_BUDGET = 1200
# Per-file timeouts (seconds) for files that legitimately take longer.
TIMEOUTS = {
    'testGDBus.js': 90,
    'testGtk3.js': 90,
    'testLegacyGtk.js': 90,
}

# Marks the process that runs inside xvfb-run + dbus-run-session.
SESSION_MARKER = 'SPROUT_CONFORMANCE_SESSION'

TAP_RESULT = re.compile(r'^(not ok|ok)\b\s*(\d+)?\s*(.*)$')
TAP_PLAN = re.compile(r'^1\.\.(\d+)')
TAP_DIRECTIVE = re.compile(r'#\s*(SKIP|TODO)\b', re.IGNORECASE)


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# --- TAP ---------------------------------------------------------------------

def parse_tap(text):
    """Counts a TAP stream. The plan may come first or last."""
    result = {'passed': 0, 'failed': 0, 'skipped': 0, 'planned': None,
              'bail_out': None, 'failures': []}
    for line in text.splitlines():
        m = TAP_PLAN.match(line)
        if m:
            result['planned'] = int(m.group(1))
            continue
        if line.startswith('Bail out!'):
            if result['bail_out'] is None:
                result['bail_out'] = line[len('Bail out!'):].strip()
            continue
        m = TAP_RESULT.match(line)
        if not m:
            continue
        directive = TAP_DIRECTIVE.search(m.group(3))
        if directive:
            # `ok # SKIP` and `not ok # TODO` are neither passes nor failures.
            result['skipped'] += 1
        elif m.group(1) == 'ok':
            result['passed'] += 1
        else:
            result['failed'] += 1
            result['failures'].append(line)
    return result


# --- preparation -------------------------------------------------------------

def prepare_resources(conf_dir):
    """Extracts the suite's GResource bundle from GJS's minijasmine and
    compiles it again (same paths, /org/gjs/jsunit/...). Cached."""
    target = os.path.join(conf_dir, 'gjs-jsunit.gresource')
    sources = [GJS_MINIJASMINE, os.path.abspath(__file__)]
    if os.path.exists(target) and all(
            os.path.getmtime(target) >= os.path.getmtime(s) for s in sources):
        return target
    for tool in ('gresource', 'glib-compile-resources'):
        if not shutil.which(tool):
            sys.exit(f'run.py: {tool} is missing (packages libglib2.0-bin, '
                     'libglib2.0-dev-bin); run tools/setup')
    listing = subprocess.run(['gresource', 'list', GJS_MINIJASMINE],
                             check=True, capture_output=True, text=True)
    paths = [p for p in listing.stdout.split() if p.startswith('/')]
    if not paths:
        sys.exit(f'run.py: no resources found in {GJS_MINIJASMINE}')
    src = os.path.join(conf_dir, 'gjs-jsunit')
    shutil.rmtree(src, ignore_errors=True)
    for path in paths:
        data = subprocess.run(['gresource', 'extract', GJS_MINIJASMINE, path],
                              check=True, capture_output=True).stdout
        dest = os.path.join(src, path.lstrip('/'))
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, 'wb') as f:
            f.write(data)
    xml_path = os.path.join(conf_dir, 'gjs-jsunit.gresource.xml')
    with open(xml_path, 'w') as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<gresources>\n'
                '  <gresource prefix="/">\n')
        for path in paths:
            f.write(f'    <file>{xml.sax.saxutils.escape(path.lstrip("/"))}'
                    '</file>\n')
        f.write('  </gresource>\n</gresources>\n')
    subprocess.run(['glib-compile-resources', '--sourcedir', src,
                    '--target', target + '.tmp', xml_path], check=True)
    os.replace(target + '.tmp', target)
    return target


def is_module_spec(name):
    """True if the suite runs this spec file with `-m` (as an ES module)."""
    meta = os.path.join(GJS_META_DIR, name[:-len('.js')] + '.test')
    try:
        with open(meta) as f:
            for line in f:
                if line.startswith('Exec='):
                    return '-m' in line.split()[1:]
    except OSError:
        pass
    return False


def select(names, patterns):
    if not patterns:
        return names
    chosen = []
    for name in names:
        for pattern in patterns:
            if (fnmatch.fnmatchcase(name, pattern) if any(c in pattern for c in '*?[')
                    else pattern in name):
                chosen.append(name)
                break
    return chosen


def test_env(extra_path=None):
    env = dict(os.environ)
    for var in ('GI_TYPELIB_PATH', 'LD_LIBRARY_PATH'):
        old = env.get(var)
        env[var] = GJS_TESTS_DIR + (':' + old if old else '')
    if extra_path:
        env['PATH'] = extra_path + ':' + env.get('PATH', '/usr/bin:/bin')
    # Keep the accessibility bus and the profiler out of the way; make the
    # scripts use gjs-console from PATH.
    env['NO_AT_BRIDGE'] = '1'
    env['GTK_A11Y'] = 'none'
    for var in ('GJS_USE_UNINSTALLED_FILES', 'GJS_ENABLE_PROFILER', 'VALGRIND',
                'G_DEBUG', SESSION_MARKER):
        env.pop(var, None)
    env.setdefault('LANG', 'C.UTF-8')
    return env


# --- running -----------------------------------------------------------------

def not_run(job, why):
    return {
        'file': job['name'], 'passed': 0, 'failed': job['expected'] or 1,
        'skipped': 0, 'planned': None, 'expected': job['expected'],
        'status': 'not-run', 'detail': why, 'returncode': None,
        'duration': 0.0, 'log': None,
    }


def run_one(job, log_dir, deadline):
    """Runs one file; returns its record."""
    name, argv, env, timeout = job['name'], job['argv'], job['env'], job['timeout']
    remaining = deadline - time.monotonic()
    if remaining < 1:
        return not_run(job, 'time budget of the run used up')
    timeout = min(timeout, int(remaining) + 1)
    out_path = os.path.join(log_dir, name + '.stdout')
    err_path = os.path.join(log_dir, name + '.stderr')
    cwd = tempfile.mkdtemp(prefix='sprout-conformance-')
    # testGio.js enumerates the current folder and expects it not empty.
    with open(os.path.join(cwd, 'conformance-cwd.txt'), 'w') as f:
        f.write('Working folder of one file of the GJS conformance run.\n')
    start = time.monotonic()
    timed_out = False
    with open(out_path, 'wb') as out, open(err_path, 'wb') as err:
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=out, stderr=err, start_new_session=True)
        try:
            returncode = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            kill_group(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                kill_group(proc.pid, signal.SIGKILL)
                proc.wait()
            returncode = proc.returncode
        # Leftover children of the file (servers, subprocesses) go too.
        kill_group(proc.pid, signal.SIGKILL)
    duration = time.monotonic() - start
    shutil.rmtree(cwd, ignore_errors=True)
    with open(out_path, 'rb') as f:
        stdout = f.read().decode('utf-8', 'replace')

    tap = parse_tap(stdout)
    reported = tap['passed'] + tap['failed'] + tap['skipped']
    total = max(job['expected'] or 0, tap['planned'] or 0, reported)
    failed = max(total - tap['passed'] - tap['skipped'], tap['failed'])
    if total == 0 and (timed_out or returncode != 0):
        failed = 1  # nothing known about this file, but it did not work
    if timed_out:
        status = 'timeout'
    elif returncode < 0:
        status = 'crashed'
    elif tap['bail_out'] is not None:
        status = 'bail-out'
    elif tap['planned'] is None:
        status = 'crashed'
    elif failed or returncode != 0:
        status = 'failed'
    else:
        status = 'ok'
    detail = ''
    if timed_out:
        detail = f'after {timeout} s'
    elif returncode < 0:
        try:
            detail = signal.Signals(-returncode).name
        except ValueError:
            detail = f'signal {-returncode}'
    elif tap['bail_out'] is not None:
        detail = tap['bail_out']
    elif tap['planned'] is None:
        detail = f'no plan, exit {returncode}'
    elif returncode != 0:
        detail = f'exit {returncode}'
    return {
        'file': name, 'passed': tap['passed'], 'failed': failed,
        'skipped': tap['skipped'], 'planned': tap['planned'],
        'expected': job['expected'], 'status': status, 'detail': detail,
        'returncode': returncode, 'duration': round(duration, 2),
        'log': out_path,
    }


def kill_group(pid, sig):
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def build_jobs(args, conf_dir, expected):
    """The list of files to run, with their command lines."""
    js_names = sorted(n for n in os.listdir(GJS_JS_DIR)
                      if n.startswith('test') and n.endswith('.js'))
    names = select(js_names + SCRIPTS, args.only)
    if args.record_expected:
        runner = [GJS_MINIJASMINE]
        bin_dir = None
    else:
        build = args.build_dir
        jasmine = os.path.join(build, 'installed-tests', 'runner', 'sprout-jasmine')
        sprout = os.path.join(build, 'sprout', 'cli', 'sprout')
        for exe in (jasmine, sprout):
            if not os.access(exe, os.X_OK):
                sys.exit(f'run.py: {exe} is missing; build first (tools/setup)')
        resource = prepare_resources(conf_dir)
        runner = [jasmine, '--resource', resource]
        bin_dir = os.path.join(conf_dir, 'bin')
        os.makedirs(bin_dir, exist_ok=True)
        for link in ('gjs-console', 'gjs'):
            path = os.path.join(bin_dir, link)
            if os.path.lexists(path):
                os.unlink(path)
            os.symlink(sprout, path)
    js_env = test_env()
    script_env = test_env(bin_dir)
    jobs = []
    for name in names:
        if name.endswith('.sh'):
            argv = ['sh', os.path.join(GJS_SCRIPTS_DIR, name)]
            env, timeout = script_env, SCRIPT_TIMEOUT
        else:
            argv = runner + [os.path.join(GJS_JS_DIR, name)]
            if is_module_spec(name):
                argv.append('-m')
            env, timeout = js_env, TIMEOUTS.get(name, args.timeout)
        entry = expected.get(name)
        jobs.append({'name': name, 'argv': argv, 'env': env,
                     'timeout': timeout if not args.record_expected else max(timeout, 120),
                     'expected': None if args.record_expected or entry is None
                     else entry['specs']})
    return jobs


def print_table(results, out=sys.stdout):
    width = max([len(r['file']) for r in results] + [4])
    print(f'{"file":<{width}}  {"passed":>6}  {"failed":>6}  {"skipped":>7}  status',
          file=out)
    for r in results:
        status = r['status'] + (f' ({r["detail"]})' if r['detail'] else '')
        if len(status) > 100:
            status = status[:97] + '...'
        print(f'{r["file"]:<{width}}  {r["passed"]:>6}  {r["failed"]:>6}  '
              f'{r["skipped"]:>7}  {status}', file=out)


def load_expected():
    try:
        with open(EXPECTED_FILE) as f:
            return json.load(f)['files']
    except (OSError, ValueError, KeyError):
        return {}


def gjs_version():
    try:
        return subprocess.run([GJS_CONSOLE, '--version'], capture_output=True,
                              text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return 'unknown'


def main():
    parser = argparse.ArgumentParser(
        description="Runs GJS's own test suite (gjs-tests) on Sprout.")
    parser.add_argument('--only', action='append', metavar='PATTERN', default=[],
                        help='run only files whose name contains PATTERN '
                             '(or matches it, if it is a glob); repeatable')
    parser.add_argument('--floor', metavar='FILE',
                        help='fail if fewer specs pass than the integer in FILE')
    parser.add_argument('--json', metavar='OUT', help='write the results to OUT')
    parser.add_argument('--record-expected', action='store_true',
                        help='run the suite with GJS itself and write the '
                             'number of specs per file to expected-counts.json')
    parser.add_argument('--jobs', '-j', type=int, default=1,
                        help='files run at once (default 1: some specs are '
                             'timing-sensitive)')
    parser.add_argument('--timeout', type=int, default=DEFAULT_TIMEOUT,
                        help=f'seconds per spec file (default {DEFAULT_TIMEOUT})')
    parser.add_argument('--budget', type=int, default=DEFAULT_BUDGET,
                        help='seconds for the whole run; files not started by '
                             f'then count as failed (default {DEFAULT_BUDGET})')
    parser.add_argument('--build-dir', default=os.path.join(ROOT, 'build'),
                        help='Sprout build folder (default: build/)')
    parser.add_argument('--no-session', action='store_true',
                        help='do not wrap the run in xvfb-run + dbus-run-session')
    args = parser.parse_args()
    args.build_dir = os.path.abspath(args.build_dir)

    for path in (GJS_JS_DIR, GJS_MINIJASMINE):
        if not os.path.exists(path):
            sys.exit(f'run.py: {path} is missing: install the Debian package '
                     'gjs-tests (tools/setup does)')

    if not args.no_session and os.environ.get(SESSION_MARKER) != '1':
        for tool, package in (('xvfb-run', 'xvfb'), ('xauth', 'xauth'),
                              ('dbus-run-session', 'dbus-daemon')):
            if not shutil.which(tool):
                sys.exit(f'run.py: {tool} is missing (package {package}); '
                         'run tools/setup')
        os.environ[SESSION_MARKER] = '1'
        argv = ['xvfb-run', '-a', '-s', '-screen 0 1280x1024x24 -nolisten tcp',
                'dbus-run-session', '--',
                sys.executable, os.path.abspath(__file__)] + sys.argv[1:]
        sys.stdout.flush()
        os.execvp(argv[0], argv)

    conf_dir = os.path.join(args.build_dir, 'conformance')
    log_dir = os.path.join(conf_dir, 'logs', 'gjs' if args.record_expected else '')
    os.makedirs(log_dir, exist_ok=True)

    expected = load_expected()
    jobs = build_jobs(args, conf_dir, expected)
    if not jobs:
        sys.exit(f'run.py: no file matches {args.only}')
    what = 'GJS (recording expected counts)' if args.record_expected else 'Sprout'
    print(f'# GJS conformance suite on {what}: {len(jobs)} files', flush=True)

    start = time.monotonic()
    deadline = start + args.budget
    results = [None] * len(jobs)
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        futures = {pool.submit(run_one, job, log_dir, deadline): i
                   for i, job in enumerate(jobs)}
        for future in concurrent.futures.as_completed(futures):
            r = future.result()
            results[futures[future]] = r
            print(f'# {r["file"]}: {r["status"]}, {r["passed"]} passed, '
                  f'{r["failed"]} failed, {r["skipped"]} skipped '
                  f'({r["duration"]:.1f} s)', flush=True)
    elapsed = time.monotonic() - start

    passed = sum(r['passed'] for r in results)
    failed = sum(r['failed'] for r in results)
    skipped = sum(r['skipped'] for r in results)
    print()
    print_table(results)
    print(f'\n# {len(results)} files in {elapsed:.0f} s, {skipped} skipped; '
          f'logs in {os.path.relpath(log_dir, os.getcwd())}')

    status = 0
    if args.record_expected:
        data = {
            'comment': 'Specs per file of the GJS suite (gjs-tests), as run by '
                       'GJS itself; written by run.py --record-expected.',
            'gjs_version': gjs_version(),
            'files': dict(expected) if args.only else {},
        }
        for r in results:
            data['files'][r['file']] = {
                'specs': max(r['planned'] or 0,
                             r['passed'] + r['failed'] + r['skipped']),
                'gjs_passed': r['passed'], 'gjs_skipped': r['skipped'],
            }
            if r['status'] != 'ok':
                log(f'warning: {r["file"]} is {r["status"]} on GJS itself')
        data['files'] = dict(sorted(data['files'].items()))
        with open(EXPECTED_FILE, 'w') as f:
            json.dump(data, f, indent=2)
            f.write('\n')
        print(f'# wrote {os.path.relpath(EXPECTED_FILE, os.getcwd())}')

    floor = None
    if args.floor and not args.record_expected:
        with open(args.floor) as f:
            floor = int(f.read().split()[0])
        if args.only:
            print(f'# floor {floor} not checked: --only runs a part of the suite')
        elif passed < floor:
            print(f'# FLOOR NOT MET: {passed} passed, the floor in {args.floor} '
                  f'is {floor} ({floor - passed} fewer than required)')
            status = 1
        elif passed > floor:
            print(f'# {passed} passed, {passed - floor} above the floor: raise it '
                  f'with: echo {passed} > {args.floor}')
        else:
            print(f'# floor met: {passed} passed (floor {floor})')

    if args.json:
        with open(args.json, 'w') as f:
            json.dump({'passed': passed, 'failed': failed, 'skipped': skipped,
                       'floor': floor, 'floor_met': status == 0,
                       'partial': bool(args.only), 'seconds': round(elapsed, 1),
                       'files': results}, f, indent=2)
            f.write('\n')

    print(f'{passed} passed, {failed} failed', flush=True)
    return status


if __name__ == '__main__':
    sys.exit(main())
