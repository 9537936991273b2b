# Tasks are futures and asyncio.Task is their class; asyncio.timeout_at (3.11) cancels a block
# at a time of the loop's clock.
import asyncio


async def nap(seconds, result):
    await asyncio.sleep(seconds)
    return result


async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(nap(0.05, "napped"), name="napper")
    print(isinstance(task, asyncio.Task), isinstance(task, asyncio.Future), type(task).__name__)
    future = loop.create_future()
    print(isinstance(future, asyncio.Future), isinstance(future, asyncio.Task))
    tasks: list[asyncio.Task] = [task, asyncio.Task(nap(0.1, "made by the class"))]
    print(await asyncio.gather(*tasks))

    async with asyncio.timeout_at(loop.time() + 0.2):
        print(await nap(0.05, "in time"))
    try:
        async with asyncio.timeout_at(loop.time() + 0.05):
            await nap(0.5, "too late")
    except TimeoutError:
        print("timed out at the deadline")
    async with asyncio.timeout_at(None) as forever:
        print(await nap(0.01, "no deadline"), forever.expired())
    try:
        async with asyncio.timeout_at(loop.time() - 1):
            await asyncio.sleep(0)
    except TimeoutError:
        print("a deadline already past expires at once")
    async with asyncio.timeout(0):
        pass
    await asyncio.sleep(0.01)
    print("a block that never waits ends before its expiry")


asyncio.run(main())
