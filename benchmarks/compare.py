#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
"""Runs a benchmark script under sprout and gjs in one go and prints, per
case, the time of each and the ratio sprout/gjs (lower is better).

A benchmark script prints lines `<case name> <number>` (ns per operation, or
any cost where lower is better); a line `<case name> error: ...` marks a case
the runtime cannot run. Each runtime runs the script --repeat times; the
median per case is compared.
"""
import argparse
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SPROUT = os.path.join(HERE, '..', 'build', 'sprout', 'cli', 'sprout')
GJS_TESTS = '/usr/libexec/installed-tests/gjs'


def run(argv, env):
    out = subprocess.run(argv, env=env, capture_output=True, text=True,
                         timeout=600)
    results = {}
    for line in out.stdout.splitlines():
        name, _, value = line.rpartition(' ')
        if ' error: ' in line:
            name = line.split(' error: ')[0]
            results[name] = None
            continue
        try:
            results[name] = float(value)
        except ValueError:
            continue
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('script')
    parser.add_argument('--sprout', default=SPROUT)
    parser.add_argument('--gjs', default='gjs')
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--unit', default='ns/op')
    args = parser.parse_args()

    env = dict(os.environ)
    for var in ('GI_TYPELIB_PATH', 'LD_LIBRARY_PATH'):
        env[var] = GJS_TESTS + (':' + env[var] if env.get(var) else '')
    runs = {'sprout': [], 'gjs': []}
    for _ in range(args.repeat):
        runs['sprout'].append(run([args.sprout, args.script], env))
        runs['gjs'].append(run([args.gjs, args.script], env))

    names = list(dict.fromkeys(n for r in runs['gjs'] + runs['sprout'] for n in r))
    print(f'{"case":44s} {"sprout":>10s} {"gjs":>10s} {"ratio":>7s}')
    for name in names:
        def median(who):
            values = [r.get(name) for r in runs[who]]
            values = [v for v in values if v is not None]
            return statistics.median(values) if values else None
        s, g = median('sprout'), median('gjs')
        ratio = f'{s / g:7.3f}' if s is not None and g else '    n/a'
        fmt = lambda v: f'{v:10.1f}' if v is not None else '     error'
        print(f'{name:44s} {fmt(s)} {fmt(g)} {ratio}   ({args.unit})')
    return 0


if __name__ == '__main__':
    sys.exit(main())
