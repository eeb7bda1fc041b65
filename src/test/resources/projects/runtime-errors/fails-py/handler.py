def handle(req):
    raise ValueError("the handler refused: " + req)
