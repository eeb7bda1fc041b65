// Returns the variables the secrets test asks about (null when unset): secrets, envs and Knative's own.
const names = ['MY_SECRET', 'LEVEL', 'FUNCTION_ENV', 'PROVIDER_ENV', 'FUNCTION_SECRET_ONLY', 'PORT', 'K_SERVICE'];
module.exports = () => Object.fromEntries(names.map(n => [n, process.env[n] ?? null]));
