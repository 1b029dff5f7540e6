#!/usr/bin/env sprout
// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
//
// The main job of `tools/run-example`: Conway's Game of Life with a Gosper
// glider gun, printed as text. It exercises the legacy importer (a module of
// its own, found through imports.searchPath), imports.signals, ARGV and
// imports.system.
//
// Usage: sprout examples/life/main.js [GENERATIONS]

const System = imports.system;
const here = System.programPath.replace(/\/life\/[^/]*$/, "");
imports.searchPath.unshift(here);
const {Board} = imports.life.board;

const GLIDER_GUN = `
........................O...........
......................O.O...........
............OO......OO............OO
...........O...O....OO............OO
OO........O.....O...OO..............
OO........O...O.OO....O.O...........
..........O.....O.......O...........
...........O...O....................
............OO......................`;

const generations = Number.parseInt(ARGV[0] ?? '60', 10);
if (!Number.isInteger(generations) || generations < 0) {
    printerr(`usage: ${System.programInvocationName} life/main.js [GENERATIONS]`);
    System.exit(2);
}

const board = new Board(48, 20);
board.place(GLIDER_GUN, 2, 2);

let peak = 0;
board.connect('generation', (_board, generation, population) => {
    peak = Math.max(peak, population);
    if (generation % 30 === 0)
        print(`\nGeneration ${generation}: ${population} cells alive\n${board}`);
});

print(`Generation 0: ${board.population} cells alive\n${board}`);
for (let i = 0; i < generations; i++)
    board.step();
print(`\nRan ${generations} generations; peak population ${peak}.`);
