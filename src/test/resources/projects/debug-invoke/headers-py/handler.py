import json
import os


def handle(req):
    # DebugIT sets its breakpoint on the `method = ...` line (line 7, no comprehension): keep it there.
    method = os.environ.get("Http_Method")
    headers = {k[5:].lower().replace("_", "-"): v for k, v in os.environ.items() if k.startswith("Http_")}
    return json.dumps({"method": method, "path": os.environ.get("Http_Path"), "headers": headers, "body": req})
