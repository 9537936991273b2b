# A class that is iterable through a generator __iter__, and containers of them.
class Countdown:
    def __init__(self, start):
        self.start = start

    def __iter__(self):
        current = self.start
        while current > 0:
            yield current
            current -= 1

    def __len__(self):
        return self.start

    def __contains__(self, value):
        return 0 < value <= self.start

c = Countdown(4)
print(list(c), len(c), 3 in c, 9 in c)
print(sum(c), max(c), sorted(c), [x * 2 for x in c])
for a, b in zip(Countdown(3), "xyz"):
    print(a, b)
print(dict(enumerate(Countdown(2))))
