import os
import sys


def handle(req):
    path = os.path.join(os.path.expanduser("~"), "probe")
    with open(path, "w") as f:
        f.write("written")
    with open(path) as f:
        return "%s in %s, stdout %s" % (f.read(), os.path.expanduser("~"), sys.stdout.encoding)
