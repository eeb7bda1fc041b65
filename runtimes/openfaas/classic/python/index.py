# OpenFaaS python (2.7) template's index.py: the body on stdin goes to handler.handle(req),
# whose result is printed (with a trailing newline) unless it is None.
import sys
from function import handler


def get_stdin():
    buf = ""
    while True:
        line = sys.stdin.readline()
        buf += line
        if line == "":
            break
    return buf


if __name__ == "__main__":
    st = get_stdin()
    ret = handler.handle(st)
    if ret is not None:
        print(ret)
