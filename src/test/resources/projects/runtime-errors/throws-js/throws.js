module.exports = async (data) => {
  throw new Error('nope: ' + data);
};
