import asyncio

kept = []

async def tick(n):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.01 * n)
    return n, loop.is_running()

async def main():
    loop = asyncio.get_running_loop()
    kept.append(loop)
    print(loop.is_running(), loop is asyncio.get_event_loop(), loop.is_closed())
    print(type(loop).__name__, repr(loop))
    fut = loop.create_future()
    print(fut.done())
    print(await asyncio.gather(*(tick(n) for n in range(3))))
    print(loop.time() >= 0)
    result = await loop.run_in_executor(None, sum, [1, 2, 3])
    print("executor", result, loop.is_running())

asyncio.run(main())
print(kept[0].is_running(), kept[0].is_closed())
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError:", e)
