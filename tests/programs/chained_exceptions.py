# Exceptions chained as CPython prints them when nothing catches the last one: raised while
# another is handled (its context), raised `from` a cause, `from None`, raised again, in a
# `finally`, through calls; one thread each, and the main thread last.
import threading


class AppError(Exception):
    pass


def parse(text):
    return int(text)


def context():
    try:
        parse("x")
    except ValueError:
        raise KeyError("no number")


def cause():
    try:
        {}["k"]
    except KeyError as error:
        raise RuntimeError("lookup failed") from error


def suppressed():
    try:
        1 / 0
    except ZeroDivisionError:
        raise TypeError("no chain") from None


def reraised():
    try:
        parse("y")
    except ValueError:
        print("logging it")
        raise


def three_deep():
    try:
        try:
            1 / 0
        except ZeroDivisionError as error:
            raise ValueError("second") from error
    except ValueError:
        raise RuntimeError("third")


def unmatched():
    try:
        parse("z")
    except KeyError:
        print("not this one")


def own_class():
    try:
        [][1]
    except IndexError as error:
        raise AppError("wrapped") from error


def raise_caught_again():
    try:
        1 / 0
    except ZeroDivisionError as error:
        raise error


def in_finally():
    try:
        parse("w")
    finally:
        raise OSError("cleanup failed")


def cause_never_raised():
    raise AppError("outer") from ValueError("made, not raised")


def helper_raises():
    raise KeyError("deep")


def handled_in_caller():
    try:
        helper_raises()
    except KeyError:
        helper_raises()


for target in [context, cause, suppressed, reraised, three_deep, unmatched, own_class,
               raise_caught_again, in_finally, cause_never_raised, handled_in_caller]:
    thread = threading.Thread(target=target, name=target.__name__)
    thread.start()
    thread.join()

try:
    parse("main")
except ValueError:
    raise LookupError("the end")
