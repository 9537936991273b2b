# Which except clause catches what: order, tuples, bases, and bare except.
def classify(error):
    try:
        raise error
    except (KeyError, IndexError) as e:
        return f"lookup {type(e).__name__}"
    except ArithmeticError as e:
        return f"arithmetic {type(e).__name__}"
    except Exception as e:
        return f"other {type(e).__name__}"

for error in [KeyError("k"), IndexError(), ZeroDivisionError(), OverflowError(), ValueError("v")]:
    print(classify(error))
try:
    [][1]
except LookupError as e:
    print("caught by base:", e)
try:
    {}["missing"]
except KeyError as e:
    print("key error:", e, repr(e), e.args)
try:
    raise SystemExit(3)
except BaseException as e:
    print("system exit code:", e.code if hasattr(e, "code") else e.args[0])
