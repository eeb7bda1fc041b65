const os = require('os');
// Sleeps for the number of milliseconds in the body, then says which container and revision answered.
module.exports = async (data) => {
  await new Promise(resolve => setTimeout(resolve, Number(data) || 0));
  return { container: os.hostname(), revision: process.env.K_REVISION };
};
