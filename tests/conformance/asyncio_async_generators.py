# Async generators: an async def with yield, consumed by async for, awaiting between items.
import asyncio
import time


async def ticker(name, count, delay):
    for i in range(count):
        await asyncio.sleep(delay)
        yield f"{name} {i}"
    print(name, "done")


async def squares(limit):
    n = 0
    while True:
        if n * n > limit:
            return
        yield n * n
        n += 1


async def consume(name, count, delay):
    async for item in ticker(name, count, delay):
        print(item)


async def main():
    gen = ticker("solo", 2, 0.035)
    print(type(gen).__name__, hasattr(gen, "__anext__"))
    async for item in gen:
        print("got", item)
    total = 0
    async for square in squares(30):
        total += square
    print("sum of squares", total)
    await asyncio.gather(consume("fast", 3, 0.01), consume("slow", 2, 0.1))
    it = squares(5)
    print(await it.__anext__(), await it.__anext__(), await it.__anext__())
    try:
        await it.__anext__()
    except StopAsyncIteration:
        print("exhausted")
    try:
        for x in squares(4):
            print(x)
    except TypeError as error:
        print("TypeError", error)
    async for item in ticker("broken off", 3, 0):
        if item.endswith("1"):
            break
        print(item)


start = time.perf_counter()
asyncio.run(main())
# A bound, not the time: a busy machine adds tenths that change a rounded figure.
print("Finished in", "under" if time.perf_counter() - start < 0.8 else "over", "0.8 second(s)")
