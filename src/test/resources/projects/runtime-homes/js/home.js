const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = (data) => {
  const file = path.join(os.homedir(), 'probe');
  fs.writeFileSync(file, 'written');
  return `${fs.readFileSync(file, 'utf8')} in ${os.homedir()}, ${[...data].length} chars`;
};
