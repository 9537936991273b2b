# A traceback names, for each frame, the line the exception passed through there, even when a
# `with`, a `finally` or a bare `raise` in that frame raised it on, and an exception raised again
# later keeps the frames it went through before.
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


# An exception kept and raised again later: its traceback has the frames it goes through now,
# then those it went through before.
def keep(n):
    fetch(n)


try:
    keep(6)
except OSError as error:
    kept = error


def raise_it_later():
    raise kept


try:
    raise_it_later()
except OSError:
    logging.exception("raised again later")
