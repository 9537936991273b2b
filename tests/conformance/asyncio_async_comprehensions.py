# Async comprehensions: `async for` clauses inside list, set and dict comprehensions, with
# conditions, sync clauses beside them, awaits in the element, and two comprehensions that
# take turns on one event loop.
import asyncio


async def countdown(label, start, delay):
    for n in range(start, 0, -1):
        print(f"{label} yields {n}")
        yield n
        await asyncio.sleep(delay)


async def squares(limit):
    for n in range(limit):
        yield n, n * n


class Ticker:
    """An async iterator written by hand: __aiter__ and an async __anext__."""

    def __init__(self, stop):
        self.n = 0
        self.stop = stop

    def __aiter__(self):
        return self

    async def __anext__(self):
        await asyncio.sleep(0)
        self.n += 1
        if self.n > self.stop:
            raise StopAsyncIteration
        return self.n


class Broken:
    def __aiter__(self):
        return self

    async def __anext__(self):
        raise ValueError("the stream broke")


async def double_later(x):
    await asyncio.sleep(0.001)
    return 2 * x


async def collect(label, delay):
    items = [n async for n in countdown(label, 3, delay)]
    print(f"{label} collected {items}")
    return items


async def main():
    print([n async for n in Ticker(4)])
    print([n async for n in Ticker(6) if n % 2 == 0])
    print({k: v async for k, v in squares(4)})
    print(sorted({v % 3 async for _, v in squares(6)}))
    print([(a, b) async for a in Ticker(3) for b in "xy" if a != 2])
    print([[n async for n in Ticker(k)] for k in range(3)])
    print([await double_later(x) for x in range(3)])
    print([await double_later(n) async for n in Ticker(3)])

    both = await asyncio.gather(collect("fast", 0.05), collect("slow", 0.25))
    print("gathered", both)

    try:
        print([n async for n in Broken()])
    except ValueError as error:
        print("caught:", error)
    numbers = [1, 2]
    try:
        print([n async for n in numbers])
    except TypeError as error:
        print("caught:", error)
    n = "outside"
    print([n async for n in Ticker(2)], "and n is still", n)


asyncio.run(main())
