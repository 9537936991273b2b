# Waiting on many: gather (return_exceptions), wait with FIRST_COMPLETED and timeout,
# as_completed, and TaskGroup, whose failing task cancels the rest.
import asyncio


async def measure(label, seconds, fail=False):
    await asyncio.sleep(seconds)
    if fail:
        raise ValueError(f"{label} broke")
    print(f"{label} measured")
    return label.upper()


async def main():
    print(await asyncio.gather(measure("a", 0.06), measure("b", 0.01)))
    mixed = await asyncio.gather(
        measure("c", 0.01), measure("d", 0.02, fail=True), return_exceptions=True
    )
    print(mixed)
    try:
        await asyncio.gather(measure("e", 0.06), measure("f", 0.01, fail=True))
    except ValueError as error:
        print("gather raised:", error)
    await asyncio.sleep(0.1)

    tasks = [asyncio.create_task(measure(name, delay)) for name, delay in [("g", 0.06), ("h", 0.01)]]
    finished, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(sorted(task.result() for task in finished), len(pending))
    finished, pending = await asyncio.wait(tasks)
    print(sorted(task.result() for task in finished), len(pending))
    slow = asyncio.create_task(measure("slow", 1))
    finished, pending = await asyncio.wait([slow], timeout=0.01)
    print(len(finished), len(pending), slow.done())
    slow.cancel()

    # The main task prints between two sleeps' ends: 50 ms apart, so that a page whose workers
    # are slow to be scheduled keeps the order (10 ms apart, Chromium's once did not).
    sleepers = [measure("x", 0.11), measure("y", 0.01), measure("z", 0.06)]
    for next_done in asyncio.as_completed(sleepers):
        print("as completed:", await next_done)

    async with asyncio.TaskGroup() as group:
        first = group.create_task(measure("tg1", 0.06))
        second = group.create_task(measure("tg2", 0.01), name="second")
        print("group started", second.get_name())
    print("group results:", first.result(), second.result())

    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(measure("ok", 0.01))
            group.create_task(measure("bad", 0.06, fail=True))
            victim = group.create_task(measure("victim", 1))
            await asyncio.sleep(1)
            print("not reached")
    except ExceptionGroup as group_error:
        print("group failed:", group_error)
        print([str(error) for error in group_error.exceptions], victim.cancelled())


asyncio.run(main())
