# A TaskGroup waits for all its tasks; a failure cancels the rest and raises an ExceptionGroup.
import asyncio

async def step(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise
    if fail:
        raise RuntimeError(f"{name} failed")
    return name

async def main():
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(step(f"ok{i}", 0.01 * i)) for i in range(3)]
    print("results:", [t.result() for t in tasks])

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(step("long", 1))
            tg.create_task(step("bad", 0.01, fail=True))
    except ExceptionGroup as group:
        print("caught:", [str(e) for e in group.exceptions])
        print("message:", group.args[0])

asyncio.run(main())
