# asyncio.shield: a timeout or a cancel stops the waiting, not the shielded work, which goes on
# and is collected later; its result and its exception come through the shield.
import asyncio


async def save(name, seconds):
    print(f"saving {name}")
    await asyncio.sleep(seconds)
    print(f"saved {name}")
    return name


async def boom():
    await asyncio.sleep(0.01)
    raise ValueError("disk full")


async def main():
    print(await asyncio.shield(save("quick", 0.01)))

    task = asyncio.create_task(save("report", 0.1))
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=0.02)
    except asyncio.TimeoutError:
        print("stopped waiting; still running:", not task.done())
    print("collected", await task)

    inner = asyncio.create_task(save("backup", 0.1))
    outer = asyncio.shield(inner)
    await asyncio.sleep(0.01)
    print("cancel outer:", outer.cancel())
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled:", outer.cancelled(), "inner cancelled:", inner.cancelled())
    print("inner result", await inner)

    try:
        await asyncio.shield(asyncio.create_task(boom()))
    except ValueError as error:
        print("through the shield:", error)

    finished = asyncio.create_task(save("early", 0))
    await asyncio.sleep(0.01)
    print("a finished task is its own shield:", asyncio.shield(finished) is finished)


asyncio.run(main())
