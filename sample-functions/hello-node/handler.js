'use strict';
// Greets the request body; returning an object would be written as JSON.
module.exports = async (context, callback) => {
  return 'Hello, ' + context;
};
