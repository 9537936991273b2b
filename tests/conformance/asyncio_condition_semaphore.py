# asyncio.Condition coordinates a producer with consumers; a Semaphore caps concurrency.
import asyncio

async def consumer(name, cond, box, got):
    async with cond:
        while not box:
            await cond.wait()
        got.append((name, box.pop()))

async def limited(n, sem, active, peak):
    async with sem:
        active[0] += 1
        peak[0] = max(peak[0], active[0])
        await asyncio.sleep(0.001)
        active[0] -= 1
        return n * 2

async def main():
    cond = asyncio.Condition()
    box = []
    got = []
    consumers = [asyncio.create_task(consumer(f"c{i}", cond, box, got)) for i in range(3)]
    await asyncio.sleep(0)
    for item in ["red", "green", "blue"]:
        async with cond:
            box.append(item)
            cond.notify()
        await asyncio.sleep(0)
    await asyncio.gather(*consumers)
    print("items delivered:", sorted(item for _, item in got))

    sem = asyncio.Semaphore(2)
    active, peak = [0], [0]
    doubled = await asyncio.gather(*(limited(n, sem, active, peak) for n in range(6)))
    print("doubled:", doubled, "peak concurrency:", peak[0])
    print("locked after:", sem.locked())

asyncio.run(main())
