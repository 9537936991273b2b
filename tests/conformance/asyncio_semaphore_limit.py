# An asyncio.Semaphore lets at most two coroutines download at once.
import asyncio

active = 0
peak = 0

async def download(n, limit):
    global active, peak
    async with limit:
        active += 1
        peak = max(peak, active)
        await asyncio.sleep(0.01)
        active -= 1
        return n * 2

async def main():
    limit = asyncio.Semaphore(2)
    results = await asyncio.gather(*(download(n, limit) for n in range(6)))
    print(results, "peak:", peak)

asyncio.run(main())
