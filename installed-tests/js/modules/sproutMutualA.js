/* exported fromA, viaB */
var B = imports.sproutMutualB;
var fromA = 'A';
function viaB() {
    return B.fromB + B.readA();
}
