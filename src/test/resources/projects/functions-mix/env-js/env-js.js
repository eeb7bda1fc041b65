const names = ['FOO', 'SHARED', 'NUMBER', 'PORT', 'K_SERVICE', 'K_CONFIGURATION', 'K_REVISION', 'MY_SECRET'];
module.exports = () => Object.fromEntries(names.map(n => [n, process.env[n] ?? null]));
