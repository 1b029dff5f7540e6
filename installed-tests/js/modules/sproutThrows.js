// line 1
// line 2
throw new Error('thrown on line 3 of sproutThrows.js');
