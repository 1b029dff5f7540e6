/* exported leaf */
var leaf = 'leaf value';
