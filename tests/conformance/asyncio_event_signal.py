# An asyncio.Event wakes every waiter; a Lock keeps their updates whole.
import asyncio

async def waiter(name, event, lock, log):
    await event.wait()
    async with lock:
        log.append(name)

async def main():
    event = asyncio.Event()
    lock = asyncio.Lock()
    log = []
    tasks = [asyncio.create_task(waiter(f"w{n}", event, lock, log)) for n in range(3)]
    await asyncio.sleep(0.01)
    print("before set:", log, event.is_set())
    event.set()
    await asyncio.gather(*tasks)
    print("after set:", log)

asyncio.run(main())
