// Test module for testSproutImporter.js: GJS module scoping.
/* exported counter, increment, getCounter, withDefault, destructured, nested,
   inBlock, forVar, arrow, asyncFn, generator */

var counter = 0;
function increment() {
    counter++;
    return counter;
}
function getCounter() {
    return counter;
}
var withDefault = 'default', destructuredSource = {destructured: 42, nested: {deep: 'yes'}};
var {destructured, nested: {deep: nested}} = destructuredSource;
if (counter === 0) {
    var inBlock = 'in a block';
}
for (var forVar = 0; forVar < 3; forVar++)
    ;
var arrow = x => {
    var notExported = x;
    return notExported * 2;
};
async function asyncFn() {
    return 'async';
}
function* generator() {
    yield 1;
}

let lexicalLet = 'let value';
const lexicalConst = 'const value';
class LexicalClass {}

this.assignedToThis = 'this is the module';
var moduleThis = this;
var globalSeen = typeof sproutImporterSpecGlobal !== 'undefined';
var lexicalClassName = LexicalClass.name + lexicalLet + lexicalConst;
