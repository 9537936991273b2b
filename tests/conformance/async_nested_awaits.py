# Coroutines awaiting coroutines, as Real Python's async fib and most asyncio tutorials nest
# them: recursion through `await`, defaults, keywords, a coroutine made first and awaited
# later, an exception through nested awaits, and a task cancelled deep inside them.
import asyncio
import time


async def fib(n):
    return n if n < 2 else await fib(n - 2) + await fib(n - 1)


async def scaled(value, factor=10, *, offset=0):
    await asyncio.sleep(0)
    return value * factor + offset


async def fails(depth):
    if depth == 0:
        raise ValueError("deep down")
    return await fails(depth - 1)


async def sleeps_deep(depth, log):
    if depth == 0:
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log.append("cancelled at the bottom")
            raise
    return await sleeps_deep(depth - 1, log)


async def main():
    start = time.perf_counter()
    results = await asyncio.gather(*(fib(n) for n in range(15, 18)))
    print("fib", results)
    print(await scaled(2), await scaled(2, 3), await scaled(2, offset=1))
    later = scaled(5)
    print("made, not yet run:", asyncio.iscoroutine(later))
    print("awaited later:", await later)
    try:
        await fails(50)
    except ValueError as error:
        print("caught:", error)
    log = []
    task = asyncio.create_task(sleeps_deep(20, log))
    await asyncio.sleep(0.01)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("task cancelled:", task.cancelled(), log)
    print("quick:", time.perf_counter() - start < 5)


asyncio.run(main())
