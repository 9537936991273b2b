# A traceback names, for each frame, the line the exception passed through there, even when a
# `with`, a `finally` or a bare `raise` in that frame raised it on.
import logging


class Connection:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        print("connection closed")


def fetch(n):
    if n > 2:
        raise OSError(f"fetch {n} failed")
    return n


def fetch_all():
    with Connection():
        for n in range(5):
            fetch(n)


try:
    fetch_all()
except OSError:
    logging.exception("with")

try:
    try:
        fetch(3)
    finally:
        print("finally ran")
except OSError:
    logging.exception("finally")

try:
    try:
        fetch(4)
    except OSError:
        print("retrying is not possible")
        raise
except OSError:
    logging.exception("bare raise")

try:
    try:
        fetch(5)
    except OSError as error:
        raise error
except OSError:
    logging.exception("raise error")
