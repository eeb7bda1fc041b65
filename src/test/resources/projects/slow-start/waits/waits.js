// The runtime awaits $init before it listens: this function is ready only after 60 s.
module.exports = (data) => ({ ok: true });
module.exports.$init = () => new Promise((resolve) => setTimeout(resolve, 60000));
