import asyncio

class Resource:
    def __init__(self, name):
        self.name = name
    async def __aenter__(self):
        print("enter", self.name)
        await asyncio.sleep(0.01)
        return self
    async def __aexit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.name == "swallow"

class Counter:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await asyncio.sleep(0)
        return self.i

async def main():
    async with Resource("a") as r:
        print("inside", r.name)
    try:
        async with Resource("b"):
            raise ValueError("boom")
    except ValueError as e:
        print("caught", e)
    async with Resource("swallow"):
        raise KeyError("k")
    print("after swallow")
    async with Resource("x") as x, Resource("y") as y:
        print("two", x.name, y.name)
    for i in range(2):
        async with Resource(f"loop{i}"):
            if i == 0:
                continue
            break
    async def ret():
        async with Resource("ret"):
            return 5
    print("ret", await ret())
    async for v in Counter(3):
        print("v", v)
    async for v in Counter(2):
        print("w", v)
    else:
        print("else ran")
    async for v in Counter(5):
        if v == 2:
            break
    else:
        print("not printed")
    total = 0
    async for v in Counter(4):
        if v % 2:
            continue
        total += v
    print("total", total)
    try:
        async for v in 5:
            pass
    except TypeError as e:
        print(e)
    try:
        async with 5:
            pass
    except TypeError as e:
        print(e)
    sem = asyncio.Semaphore(2)
    # Each job holds the semaphore 50 ms longer than the one before: equal sleeps end
    # microseconds apart, and whether the loop wakes once for both or between them (which
    # starts the next job in between) is a matter of microseconds, in CPython too.
    async def job(n):
        async with sem:
            print("start", n, sem.locked())
            await asyncio.sleep(0.05 * (n + 1))
            print("end", n)
    await asyncio.gather(*(job(n) for n in range(5)))
    b = asyncio.BoundedSemaphore(1)
    await b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print(e)
    cond = asyncio.Condition()
    items = []
    async def consumer(n):
        async with cond:
            while not items:
                await cond.wait()
            print("consumer", n, "got", items.pop(0))
    async def producer():
        for i in range(3):
            await asyncio.sleep(0.01)
            async with cond:
                items.append(i)
                cond.notify()
    await asyncio.gather(consumer(1), consumer(2), consumer(3), producer())
    lock = asyncio.Lock()
    print(lock.locked())
    await lock.acquire()
    print(lock.locked())
    lock.release()
    try:
        lock.release()
    except RuntimeError as e:
        print(e)

asyncio.run(main())
