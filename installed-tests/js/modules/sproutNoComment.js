/* exported where */ var where = 1;
function thrower() {
    throw new Error("from line 3");
}
var stackOf = () => { try { thrower(); } catch (e) { return e.stack; } };
