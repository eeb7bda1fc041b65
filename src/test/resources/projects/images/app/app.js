// Which revision answered, and the variables a Knative Service's manifest sets (null when unset).
const names = ['K_REVISION', 'K_SERVICE', 'PORT', 'GREETING', 'FROM_SECRET'];
module.exports = () => Object.fromEntries(names.map(n => [n, process.env[n] ?? null]));
