# What except* clauses raise is gathered with what none took: raised anew, each in order, then
# the rest (and the parts raised again with a bare raise) in the group's own shape.
def outcome(label, run):
    try:
        run()
    except Exception as error:
        print(label, "->", repr(error))
        members = error.exceptions if isinstance(error, ExceptionGroup) else ()
        for member in members:
            print("   ", repr(member), "during", repr(member.__context__))
        if not members:
            print("    during", repr(error.__context__))
    else:
        print(label, "-> handled")


def orders():
    return ExceptionGroup("orders", [ValueError("qty"), TypeError("sku"), OSError("disk")])


def new_error_and_rest():
    try:
        raise orders()
    except* ValueError:
        raise KeyError("retry")


def bare_reraise():
    try:
        raise orders()
    except* TypeError:
        raise
    except* OSError:
        print("    disk handled")


def named_reraise():
    try:
        raise orders()
    except* TypeError as types:
        raise types
    except* (ValueError, OSError):
        pass


def only_new_error():
    try:
        raise orders()
    except* ValueError:
        raise LookupError("one left")
    except* (TypeError, OSError):
        pass


def two_clauses_raise():
    try:
        raise orders()
    except* OSError:
        raise RuntimeError("disk")
    except* ValueError:
        raise RuntimeError("qty")


def nested_shape():
    try:
        raise ExceptionGroup("batch", [ValueError(1), ExceptionGroup("line 2", [TypeError(2), OSError(3)])])
    except* TypeError:
        raise
    except* ValueError:
        raise IndexError("first line")


def lone_exception_new():
    try:
        raise ValueError("alone")
    except* ValueError:
        raise KeyError("instead")


def lone_exception_again():
    try:
        raise ValueError("alone")
    except* ValueError:
        raise


def everything_handled():
    try:
        raise orders()
    except* ValueError:
        pass
    except* Exception:
        pass


for run in [new_error_and_rest, bare_reraise, named_reraise, only_new_error, two_clauses_raise,
            nested_shape, lone_exception_new, lone_exception_again, everything_handled]:
    outcome(run.__name__, run)

# An uncaught exception's traceback is printed by python3 with file paths; the program's last
# failure shows the gathered group's shape through its repr instead.
try:
    new_error_and_rest()
except ExceptionGroup as group:
    print(group.message == "", len(group.exceptions), [type(e).__name__ for e in group.exceptions])
