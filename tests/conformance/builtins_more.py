print(pow(2, 10), pow(2, 10, 1000), pow(3, -1 + 1), pow(2.0, 3))
print(divmod(17, 5), divmod(-17, 5), divmod(7.5, 2))
print(hex(255), oct(8), bin(5), hex(-42))
print(chr(65), ord("a"), chr(9731))
print(list(map(str, [1, 2, 3])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])))
print(list(filter(lambda n: n % 2, range(10))), list(filter(None, [0, 1, "", "a"])))
print(any([0, 0, 1]), all([1, 1, 0]), any([]), all([]))
print(list(reversed([1, 2, 3])), "".join(reversed("abc")))
print(callable(print), callable(3), callable(lambda: 1))
x = [1]
print(id(x) == id(x), id(x) == id([1]))
def squares(n):
    for i in range(n):
        yield i * i
print(list(map(lambda s: s + 1, squares(4))))
print(sum(map(int, "1 2 3".split())))
print(max(map(len, ["a", "bbb", "cc"])))
