# Scopes: globals, enclosing functions, and names a loop leaves behind.
total = 0

def add_all(values):
    global total
    for value in values:
        total += value
    return total

def make_multipliers():
    return [lambda x, k=k: x * k for k in range(1, 4)]

def outer():
    message = "outer"
    def inner():
        return message.upper()
    message = "changed"
    return inner()

print(add_all([1, 2, 3]), total)
print([m(10) for m in make_multipliers()])
print(outer())
for i in range(3):
    pass
print("loop variable:", i)
squares = [j * j for j in range(4)]
print(squares)
