// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for setTimeout, setInterval, clearTimeout and clearInterval.

describe('Timers', function () {
    it('run a timeout with its extra arguments', function (done) {
        setTimeout((a, b) => {
            expect([a, b]).toEqual(['one', 2]);
            done();
        }, 1, 'one', 2);
    });

    it('run timeouts in order of their delays', function (done) {
        const order = [];
        setTimeout(() => order.push(30), 30);
        setTimeout(() => order.push(10), 10);
        setTimeout(() => {
            expect(order).toEqual([10, 30]);
            done();
        }, 60);
    });

    it('return distinct positive ids', function () {
        const a = setTimeout(() => {}, 1000);
        const b = setTimeout(() => {}, 1000);
        expect(a).toBeGreaterThan(0);
        expect(b).not.toBe(a);
        clearTimeout(a);
        clearTimeout(b);
    });

    it('can be cancelled', function (done) {
        let ran = false;
        const id = setTimeout(() => {
            ran = true;
        }, 5);
        clearTimeout(id);
        setTimeout(() => {
            expect(ran).toBeFalse();
            done();
        }, 30);
    });

    it('repeat intervals until cleared', function (done) {
        let count = 0;
        const id = setInterval(() => {
            count++;
            if (count === 3) {
                clearInterval(id);
                setTimeout(() => {
                    expect(count).toBe(3);
                    done();
                }, 30);
            }
        }, 2);
    });

    it('treat missing, negative and NaN delays as 0', function (done) {
        let fired = 0;
        const check = () => {
            if (++fired === 3)
                done();
        };
        setTimeout(check);
        setTimeout(check, -10);
        setTimeout(check, NaN);
    });

    it('reject a callback that is not a function', function () {
        expect(() => setTimeout('code string', 0)).toThrowError(TypeError);
        expect(() => setInterval()).toThrowError(TypeError);
    });

    it('ignore clearing unknown ids', function () {
        expect(() => clearTimeout(123456)).not.toThrow();
        expect(() => clearInterval('nonsense')).not.toThrow();
        expect(() => clearTimeout()).not.toThrow();
    });

    it('keep running other timers after one throws', function (done) {
        setTimeout(() => {
            throw new Error('thrown in a timer on purpose');
        }, 1);
        setTimeout(done, 5);
    });
});
