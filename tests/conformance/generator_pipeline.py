# Generators chained into a pipeline, each pulling from the one before.
def numbers(limit):
    for n in range(limit):
        yield n

def evens(source):
    for n in source:
        if n % 2 == 0:
            yield n

def squared(source):
    for n in source:
        yield n * n

pipeline = squared(evens(numbers(10)))
print(next(pipeline), next(pipeline))
print(list(pipeline))
print(sum(squared(evens(numbers(100)))))
words = (w.upper() for w in ["alpha", "beta", "gamma"] if "a" in w)
print(", ".join(words))
def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
fib = fibonacci()
print([next(fib) for _ in range(10)])
