# The event loop as tutorials wrote it before asyncio.run (Python 3.6): get_event_loop,
# run_until_complete with a coroutine or a gather, new_event_loop, set_event_loop and close.
import asyncio
import time


async def download(site, seconds):
    print(f"downloading {site}")
    await asyncio.sleep(seconds)
    print(f"got {site}")
    return len(site)


async def main(loop):
    print("running:", loop.is_running(), loop is asyncio.get_running_loop())
    print("same loop:", loop is asyncio.get_event_loop())
    sizes = await asyncio.gather(download("a.example", 0.1), download("bb.example", 0.05))
    print("sizes", sizes)
    try:
        loop.run_until_complete(asyncio.gather())
    except RuntimeError as error:
        print("RuntimeError:", error)
    return sum(sizes)


print(asyncio.iscoroutinefunction(download), asyncio.iscoroutinefunction(print))
first = download("first.example", 0)
print(asyncio.iscoroutine(first), asyncio.iscoroutine(download))

start = time.perf_counter()
loop = asyncio.get_event_loop()
print("before:", loop.is_running(), loop.is_closed(), loop is asyncio.get_event_loop())
print(loop.run_until_complete(first))
print("total", loop.run_until_complete(main(loop)))
results = loop.run_until_complete(
    asyncio.gather(*(download(f"site{n}.example", 0.05 * n) for n in range(3)))
)
print(results)
loop.close()
print("closed:", loop.is_closed())
try:
    loop.run_until_complete(asyncio.gather())
except RuntimeError as error:
    print("RuntimeError:", error)

other = asyncio.new_event_loop()
asyncio.set_event_loop(other)
print("set:", asyncio.get_event_loop() is other, other is not loop)
print(other.run_until_complete(download("last.example", 0.06)))
other.close()
# A bound, not the time: a busy machine adds tenths that change a rounded figure.
print("Finished in", "under" if time.perf_counter() - start < 0.7 else "over", "0.7 second(s)")
