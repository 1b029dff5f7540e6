#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
"""Start-up time of `sprout -c ''` against `gjs -c ''`, in one run.

Both commands are run alternately (so that load on the machine hits both
alike), after a warm-up, and the medians are compared. The launcher's own
cost is measured the same way with `true` and taken off both medians, as
hyperfine does. Prints one line per command and the ratio sprout/gjs. Exit status 0; the acceptance limit (a third)
is printed next to the ratio, not enforced: speed is checked by benchmarks, not
by tests.
"""
import argparse
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SPROUT = os.path.join(HERE, '..', 'build', 'sprout', 'cli', 'sprout')


DEVNULL = os.open(os.devnull, os.O_RDWR)


def run_once(argv):
    """Wall time of one run, spawned directly (posix_spawn) so that the
    launcher adds as little as possible to both commands."""
    actions = [(os.POSIX_SPAWN_DUP2, DEVNULL, 0), (os.POSIX_SPAWN_DUP2, DEVNULL, 1)]
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f'{argv[0]} failed with status {status}')
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--sprout', default=DEFAULT_SPROUT)
    parser.add_argument('--gjs', default='gjs')
    parser.add_argument('--runs', type=int, default=200)
    parser.add_argument('--code', default='')
    args = parser.parse_args()

    commands = {
        'sprout': [os.path.abspath(args.sprout), '-c', args.code],
        'gjs': [args.gjs, '-c', args.code],
        'true': ['true'],
    }
    times = {name: [] for name in commands}
    for _ in range(10):
        for argv in commands.values():
            run_once(argv)
    for _ in range(args.runs):
        for name, argv in commands.items():
            times[name].append(run_once(argv))

    medians = {name: statistics.median(t) for name, t in times.items()}
    launch = medians.pop('true')
    for name in ('sprout', 'gjs'):
        t = times[name]
        print(f'{name:7s} -c {args.code!r}: median {(medians[name] - launch) * 1000:6.2f} ms '
              f'(raw {medians[name] * 1000:.2f}, min {min(t) * 1000:.2f}; {len(t)} runs)')
    print(f'launcher overhead (median of `true`): {launch * 1000:.2f} ms')
    ratio = (medians['sprout'] - launch) / (medians['gjs'] - launch)
    raw = medians['sprout'] / medians['gjs']
    print(f'startup ratio sprout/gjs: {ratio:.3f} (raw {raw:.3f}; target <= 0.333)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
