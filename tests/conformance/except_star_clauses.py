# except* clauses: each takes the part of an exception (group) its classes match; what no
# clause takes is raised on.
def attempt(label, errors):
    try:
        try:
            raise errors
        except* ValueError as group:
            print(label, "values:", repr(group), group.exceptions)
        except* (TypeError, KeyError) as group:
            print(label, "types/keys:", repr(group))
        except* OSError:
            print(label, "an OSError, unnamed")
    except Exception as left:
        print(label, "left:", type(left).__name__, repr(left))

attempt("lone value", ValueError("v"))
attempt("lone other", ZeroDivisionError("z"))
attempt("group", ExceptionGroup("many", [ValueError(1), TypeError(2), ValueError(3), ZeroDivisionError(4)]))
attempt("nested", ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [KeyError(5), OSError(6), ArithmeticError(7)])]))
attempt("all taken", ExceptionGroup("g", [OSError(1)]))
try:
    raise ExceptionGroup("whole", [ValueError(1), TypeError(2)])
except* Exception as everything:
    print("whole:", repr(everything))
try:
    try:
        raise KeyError("k")
    except* ValueError:
        print("not here")
except KeyError as same:
    print("same one back:", repr(same))
for i in range(3):
    try:
        raise ValueError(i)
    except* ValueError as g:
        for e in g.exceptions:
            if e.args[0] == 1:
                continue
            print("loop", e)
print("else/finally:")
try:
    pass
except* ValueError:
    print("no")
else:
    print("else ran")
finally:
    print("finally ran")
