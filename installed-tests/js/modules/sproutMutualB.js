/* exported fromB, readA */
var A = imports.sproutMutualA;
var fromB = 'B';
function readA() {
    return A.fromA;
}
