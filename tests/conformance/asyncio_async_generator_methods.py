# An async generator driven by hand: asend() sends a value in, athrow() raises where it is
# paused, aclose() runs its finally; a step awaited twice, anext() with and without a default,
# and aiter().
import asyncio


async def accumulator():
    total = 0
    try:
        while True:
            try:
                amount = yield total
            except ValueError as error:
                print("  refused:", error)
                continue
            total += amount
            await asyncio.sleep(0.005)
    finally:
        print("  accumulator closing at", total)


async def two_steps():
    yield "first"
    yield "second"


async def main():
    acc = accumulator()
    print("start:", await acc.asend(None))
    for amount in (5, 10, 20):
        print("after", amount, "->", await acc.asend(amount))
    print("thrown:", await acc.athrow(ValueError("negative amount")))
    print("after 1 ->", await acc.asend(1))
    print("aclose gives", await acc.aclose())
    try:
        await acc.asend(2)
    except StopAsyncIteration:
        print("a closed generator stops at once")

    steps = two_steps()
    pending = steps.__anext__()
    print(await pending)
    try:
        await pending
    except RuntimeError as error:
        print("RuntimeError:", error)
    closing = two_steps().aclose()
    await closing
    try:
        await closing
    except RuntimeError as error:
        print("RuntimeError:", error)
    print(await anext(steps))
    print(await anext(steps, "no more"))
    try:
        await anext(steps)
    except StopAsyncIteration:
        print("exhausted")

    iterator = aiter(two_steps())
    print([item async for item in iterator])
    try:
        aiter([1, 2])
    except TypeError as error:
        print("TypeError:", error)

    fresh = two_steps()
    try:
        await fresh.athrow(KeyError("early"))
    except KeyError as error:
        print("athrow before the first step raises", repr(error))
    print(await anext(fresh, "and it is finished"))


asyncio.run(main())
