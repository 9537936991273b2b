# Blocking work goes to a thread with to_thread while the loop keeps going.
import asyncio
import time

def blocking(n):
    time.sleep(0.05)
    return n * 100

async def ticker(log):
    for n in range(3):
        log.append(f"tick {n}")
        await asyncio.sleep(0.01)

async def main():
    log = []
    result, _ = await asyncio.gather(asyncio.to_thread(blocking, 4), ticker(log))
    print(result, log)

asyncio.run(main())
