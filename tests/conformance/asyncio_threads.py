# Blocking work off the loop: to_thread and run_in_executor run on real threads while the
# loop's other tasks keep going; loop.time() shows the threads overlapped.
import asyncio
import threading
import time


def blocking_read(name, seconds):
    time.sleep(seconds)
    return f"{name} read on {threading.current_thread().name != 'MainThread'}"


async def ticker(count):
    for tick in range(count):
        print("tick", tick)
        await asyncio.sleep(0.04)


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    result, _ = await asyncio.gather(asyncio.to_thread(blocking_read, "disk", 0.1), ticker(2))
    print(result)
    print(await loop.run_in_executor(None, blocking_read, "net", 0.05))
    both = await asyncio.gather(
        asyncio.to_thread(blocking_read, "a", 0.3), asyncio.to_thread(blocking_read, "b", 0.3)
    )
    print(both)
    # Overlapped, the calls take 0.45 s; one after the other, 0.75 s. The bound leaves a busy
    # machine room.
    print("the two threads overlapped:", loop.time() - start < 0.65)

    def fails():
        raise OSError("no device")
    try:
        await asyncio.to_thread(fails)
    except OSError as error:
        print("raised in the thread:", error)


asyncio.run(main())
