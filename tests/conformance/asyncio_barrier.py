# asyncio.Barrier (3.11): tasks wait until all parties arrive, then pass together in the order
# they came; abort, reset and a timeout break it for those waiting.
import asyncio
import threading


async def worker(barrier, n):
    await asyncio.sleep(n * 0.05)
    print(f"worker {n} arrives, {barrier.n_waiting} waiting")
    index = await barrier.wait()
    print(f"worker {n} passes with index {index}")
    return index


async def seated(barrier, n):
    await asyncio.sleep(n * 0.05)
    async with barrier as position:
        print(f"seated {n} at {position}")


async def main():
    barrier = asyncio.Barrier(3)
    print(barrier.parties, barrier.n_waiting, barrier.broken)
    print("results", await asyncio.gather(*(worker(barrier, n) for n in range(3))))
    await asyncio.gather(*(seated(barrier, n) for n in (2, 0, 1)))
    print("after two rounds", barrier.n_waiting, barrier.broken)

    lonely_barrier = asyncio.Barrier(2)

    async def lonely():
        try:
            await lonely_barrier.wait()
        except asyncio.BrokenBarrierError as error:
            print("lonely:", type(error).__name__, error, isinstance(error, RuntimeError))

    task = asyncio.create_task(lonely())
    await asyncio.sleep(0.05)
    print("waiting before abort:", lonely_barrier.n_waiting)
    await lonely_barrier.abort()
    await task
    print("broken:", lonely_barrier.broken, lonely_barrier.n_waiting)
    try:
        await lonely_barrier.wait()
    except asyncio.BrokenBarrierError as error:
        print("after abort:", error)
    await lonely_barrier.reset()
    print("after reset:", lonely_barrier.broken)

    reset_barrier = asyncio.Barrier(3)

    async def waiter(n):
        try:
            await reset_barrier.wait()
        except asyncio.BrokenBarrierError as error:
            print(f"waiter {n}: {error}")

    tasks = [asyncio.create_task(waiter(n)) for n in range(2)]
    await asyncio.sleep(0.05)
    print("waiting before reset:", reset_barrier.n_waiting)
    await reset_barrier.reset()
    print("waiting while resetting:", reset_barrier.n_waiting)
    await asyncio.gather(*tasks)
    print("broken after reset:", reset_barrier.broken)

    timed = asyncio.Barrier(2)
    try:
        await asyncio.wait_for(timed.wait(), 0.05)
    except asyncio.TimeoutError:
        print("timed out, waiting:", timed.n_waiting, "broken:", timed.broken)

    try:
        asyncio.Barrier(0)
    except ValueError as error:
        print("ValueError:", error)
    print(asyncio.BrokenBarrierError is threading.BrokenBarrierError)
    print(issubclass(asyncio.BrokenBarrierError, RuntimeError))


asyncio.run(main())
