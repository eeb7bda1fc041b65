def handle(req):
    """Greets the request body: `GitLab` -> `Hello, GitLab`."""
    return "Hello, " + req
