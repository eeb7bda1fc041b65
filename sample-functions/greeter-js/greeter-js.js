// Called by frontend-js from inside the cluster; answers a greeting for the name it is sent.
module.exports = (data) => ({ greeting: `Hello, ${(data && data.name) || 'GitLab'}` });
