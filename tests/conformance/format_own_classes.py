# Text of the program's own objects through every way of formatting: `%`, `str.format`,
# `format()`, f-strings and print, with `__str__` and `__repr__`; and `str.format`'s fields
# (conversions, items, attributes, nested specs) and its errors.


class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance

    def __repr__(self):
        return f"Account({self.owner!r}, {self.balance})"

    def __str__(self):
        return f"{self.owner}: {self.balance:.2f}"


class Tag:
    def __repr__(self):
        return "<tag>"


alice = Account("alice", 120.5)
bob = Account("bob", 7)
accounts = [alice, bob]

print("%s" % alice)
print("%s | %r" % (alice, bob))
print("%(who)s has %(tag)r" % {"who": alice, "tag": Tag()})
print("%-14s|%8.1f|%3d%%" % ("balance", alice.balance, 50))
print("{}".format(alice))
print("{0!r} / {0!s} / {0}".format(bob))
print("{:>20}|".format(str(bob)))
print("{!r:>25}|".format(bob))
print(format(alice), format(Tag()), format(3.14159, ".2f"))
print("{0[1]} {d[k]} {a.owner}".format(accounts, d={"k": "key"}, a=alice))
print("{:{width}.{precision}f}|".format(alice.balance, width=10, precision=1))
print("{:{}}|".format("ab", 6))
print("{} and {}".format(accounts, {"first": alice}))
print(f"{alice} {alice!r} {accounts}")
print(str(alice), repr(alice), accounts)

for template, args, kwargs in [
    ("{} {}", (1,), {}),
    ("{x}", (), {}),
    ("{0[5]}", ([1],), {}),
    ("{!x}", (1,), {}),
    ("{0.missing}", (1,), {}),
    ("{} {0}", (1,), {}),
    ("{0} {}", (1,), {}),
    ("{", (), {}),
]:
    try:
        print(repr(template.format(*args, **kwargs)))
    except Exception as error:
        print(type(error).__name__, error)

