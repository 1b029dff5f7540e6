/* exported fromInit */
var fromInit = 'init value';
