const isNumber = require('is-number');

module.exports = (data) => `${JSON.stringify(data)} is ${isNumber(data) ? '' : 'not '}a number`;
