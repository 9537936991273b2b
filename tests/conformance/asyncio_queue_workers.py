# Two asyncio workers take items from a queue until it is drained.
import asyncio

async def worker(name, queue, seen):
    while True:
        item = await queue.get()
        await asyncio.sleep(0.01 * item)
        seen.append((name, item))
        queue.task_done()

async def main():
    queue = asyncio.Queue()
    for item in [3, 1, 2, 1]:
        queue.put_nowait(item)
    seen = []
    workers = [asyncio.create_task(worker(f"w{n}", queue, seen)) for n in range(2)]
    await queue.join()
    for task in workers:
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print(sorted(item for _, item in seen), len(seen))

asyncio.run(main())
