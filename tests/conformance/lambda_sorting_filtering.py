# lambdas as keys and predicates, and the builtins that take them.
tasks = [("write", 3), ("read", 1), ("test", 2), ("deploy", 5)]
print(sorted(tasks, key=lambda t: t[1]))
print(list(filter(lambda t: t[1] > 2, tasks)))
print(list(map(lambda t: t[0].upper(), tasks)))
print(max(tasks, key=lambda t: len(t[0])), min(tasks, key=lambda t: t[1]))
adders = {name: (lambda n, k=k: n + k) for name, k in [("one", 1), ("ten", 10)]}
print(adders["one"](5), adders["ten"](5))
compose = lambda f, g: lambda x: f(g(x))
print(compose(str, abs)(-42), (lambda *a, **k: (a, k))(1, 2, x=3))
