# asyncio's PriorityQueue hands out the most urgent job first and LifoQueue the newest;
# both are bounded like Queue and say what they hold when printed.
import asyncio


async def worker(name, queue, finished):
    while True:
        priority, job = await queue.get()
        print(f"{name} runs {job} (priority {priority})")
        await asyncio.sleep(0.02)
        finished.append(job)
        queue.task_done()


async def late_jobs(queue):
    await asyncio.sleep(0.07)
    for priority, job in [(0, "outage"), (5, "cleanup")]:
        await queue.put((priority, job))
        print(f"queued {job} at priority {priority}")


async def main():
    queue = asyncio.PriorityQueue()
    print(queue)
    for priority, job in [(3, "backup"), (1, "alert"), (2, "report"), (1, "page")]:
        queue.put_nowait((priority, job))
    print(queue)
    print("size", queue.qsize(), "full", queue.full(), "maxsize", queue.maxsize)
    finished = []
    workers = [asyncio.create_task(worker(f"worker-{i}", queue, finished)) for i in range(2)]
    await late_jobs(queue)
    await queue.join()
    for task in workers:
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print("finished", finished)
    print(queue)

    stack = asyncio.LifoQueue(maxsize=2)
    await stack.put("first")
    await stack.put("second")
    print(stack, stack.full())
    try:
        stack.put_nowait("third")
    except asyncio.QueueFull:
        print("full: third refused")
    print(await stack.get(), stack.get_nowait())
    try:
        stack.get_nowait()
    except asyncio.QueueEmpty:
        print("empty")

    one_slot = asyncio.PriorityQueue(maxsize=1)
    await one_slot.put((2, "b"))

    async def blocked_put():
        await one_slot.put((1, "a"))
        print("the waiting put went in")

    putter = asyncio.create_task(blocked_put())
    await asyncio.sleep(0.01)
    print(one_slot)
    print(await one_slot.get())
    await putter
    print(await one_slot.get())


asyncio.run(main())
