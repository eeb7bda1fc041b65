// DebugIT sets its breakpoint on the `const reply` line (line 3): keep it there.
module.exports = async (context) => {
  const reply = {hello: context};
  return reply;
};
