// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
/* exported Board */
//
// A Game of Life board on a torus. Emits 'generation' (with the generation
// number and live-cell count) after each step, through imports.signals.

const Signals = imports.signals;

var Board = class Board {
    constructor(width, height) {
        this.width = width;
        this.height = height;
        this.generation = 0;
        this._cells = new Uint8Array(width * height);
    }

    set(x, y, alive = true) {
        this._cells[this._index(x, y)] = alive ? 1 : 0;
    }

    get(x, y) {
        return this._cells[this._index(x, y)] === 1;
    }

    place(pattern, left, top) {
        pattern.trim().split('\n').forEach((row, dy) => {
            [...row.trim()].forEach((cell, dx) => {
                if (cell === 'O')
                    this.set(left + dx, top + dy);
            });
        });
    }

    get population() {
        return this._cells.reduce((sum, cell) => sum + cell, 0);
    }

    step() {
        const next = new Uint8Array(this._cells.length);
        for (let y = 0; y < this.height; y++) {
            for (let x = 0; x < this.width; x++) {
                const n = this._neighbours(x, y);
                const alive = this.get(x, y);
                next[this._index(x, y)] = n === 3 || (alive && n === 2) ? 1 : 0;
            }
        }
        this._cells = next;
        this.generation++;
        this.emit('generation', this.generation, this.population);
    }

    toString() {
        const rows = [];
        for (let y = 0; y < this.height; y++) {
            let row = '';
            for (let x = 0; x < this.width; x++)
                row += this.get(x, y) ? '█' : '·';
            rows.push(row);
        }
        return rows.join('\n');
    }

    _index(x, y) {
        const wrap = (v, size) => ((v % size) + size) % size;
        return wrap(y, this.height) * this.width + wrap(x, this.width);
    }

    _neighbours(x, y) {
        let count = 0;
        for (let dy = -1; dy <= 1; dy++) {
            for (let dx = -1; dx <= 1; dx++) {
                if ((dx || dy) && this.get(x + dx, y + dy))
                    count++;
            }
        }
        return count;
    }
};
Signals.addSignalMethods(Board.prototype);
