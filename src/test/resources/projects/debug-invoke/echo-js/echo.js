// DebugIT sets its breakpoint on the `const greeting` line (line 4): keep it there.
module.exports = (data) => {
  const name = data && data.name ? data.name : 'world';
  const greeting = 'hello ' + name;
  return {greeting, data};
};
