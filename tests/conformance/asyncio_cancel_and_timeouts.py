# Cancellation and time limits: Task.cancel at an await, CancelledError caught and re-raised,
# a cancelled task awaited, wait_for and timeout() turning a late task into TimeoutError.
import asyncio


async def patient(name, seconds):
    try:
        print(f"{name} starts")
        await asyncio.sleep(seconds)
        print(f"{name} finished")
        return name
    except asyncio.CancelledError:
        print(f"{name} was cancelled")
        raise
    finally:
        print(f"{name} cleans up")


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("stubborn ignores the cancel")
    return "stubborn result"


async def main():
    task = asyncio.create_task(patient("slow", 1), name="slowpoke")
    await asyncio.sleep(0.01)
    print(task.get_name(), task.done(), task.cancelled())
    print("cancel:", task.cancel("enough"))
    try:
        await task
    except asyncio.CancelledError as error:
        print("awaiting it raised CancelledError:", error)
    print(task.done(), task.cancelled(), task.cancel())
    try:
        task.result()
    except asyncio.CancelledError:
        print("result() raises too")

    early = asyncio.create_task(patient("never", 1))
    early.cancel()
    try:
        await early
    except asyncio.CancelledError:
        print("cancelled before it started:", early.cancelled())

    other = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    other.cancel()
    print(await other, other.cancelled())

    try:
        await asyncio.wait_for(patient("limited", 1), timeout=0.02)
    except asyncio.TimeoutError:
        print("wait_for timed out")
    print(await asyncio.wait_for(patient("quick", 0.01), timeout=1))

    try:
        async with asyncio.timeout(0.02):
            await patient("boxed", 1)
    except TimeoutError:
        print("timeout() raised TimeoutError")

    quick = asyncio.create_task(patient("done-first", 0))
    await quick
    print("cancel a finished task:", quick.cancel(), quick.result())

    try:
        await asyncio.wait_for(asyncio.sleep(1), timeout=0)
    except TimeoutError as error:
        print("zero timeout:", type(error).__name__)

    async def sleeper():
        await asyncio.sleep(1)
    pending = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    print("tasks alive:", len(asyncio.all_tasks()))
    pending.cancel()
    await asyncio.sleep(0)
    print("current:", asyncio.current_task().get_name())


asyncio.run(main())
