// Echoes the request data back: JSON in, the same JSON out; text in, text out.
module.exports = (data) => data;
