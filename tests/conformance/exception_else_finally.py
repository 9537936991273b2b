# try/except/else/finally, in loops and functions, and what runs when.
def parse(text):
    try:
        value = int(text)
    except ValueError:
        print(f"not a number: {text!r}")
        return None
    else:
        print(f"parsed {value}")
        return value
    finally:
        print(f"done with {text!r}")

results = [parse(t) for t in ["10", "x", "-3"]]
print(results)
for n in range(3):
    try:
        if n == 1:
            continue
        print("body", n)
    finally:
        print("finally", n)
def first_positive(numbers):
    for n in numbers:
        try:
            if n > 0:
                return n
        finally:
            print("checked", n)
print(first_positive([-1, 0, 5, 7]))
