# asyncio.to_thread starts a worker thread, and the worker runs before the loop goes on, as a
# thread CPython starts does: its first step comes before the next task's. The steps are
# noted in a list and printed at the end, so that no two threads print at once.
import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

order = []


def blocking(n):
    order.append(f"worker {n} starts in {threading.current_thread().name}")
    time.sleep(0.1)
    order.append(f"worker {n} done")
    return n * 2


async def ticker():
    for i in range(3):
        order.append(f"tick {i}")
        await asyncio.sleep(0.3)


async def main():
    ticking = asyncio.create_task(ticker())
    result = await asyncio.to_thread(blocking, 1)
    order.append(f"result {result}")
    await ticking
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(thread_name_prefix="own") as pool:
        ticking = asyncio.create_task(ticker())
        result = await loop.run_in_executor(pool, blocking, 2)
        order.append(f"result {result}")
        await ticking


asyncio.run(main())
print("\n".join(order))
