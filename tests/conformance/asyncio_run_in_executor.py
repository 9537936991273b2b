# Blocking functions run in a thread pool via loop.run_in_executor while the loop stays free.
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

def blocking_checksum(data):
    time.sleep(0.01)
    return sum(data) % 251

async def ticker(stop):
    ticks = 0
    while not stop.is_set():
        ticks += 1
        await asyncio.sleep(0.001)
    return ticks > 0

async def main():
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    tick_task = asyncio.create_task(ticker(stop))
    chunks = [list(range(n, n + 50)) for n in (0, 100, 200)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [loop.run_in_executor(pool, blocking_checksum, c) for c in chunks]
        sums = await asyncio.gather(*futures)
    default = await loop.run_in_executor(None, blocking_checksum, [1, 2, 3])
    stop.set()
    print("checksums:", sums)
    print("default executor:", default)
    print("loop kept ticking:", await tick_task)
    print("same loop:", loop is asyncio.get_running_loop())

asyncio.run(main())
