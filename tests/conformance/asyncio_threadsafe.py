# Threads handing work to a running event loop: call_soon_threadsafe and
# run_coroutine_threadsafe, as the loop's thread-safe entry points.
import asyncio
import threading
import time


def producer(loop, queue, count):
    for i in range(count):
        time.sleep(0.05)
        loop.call_soon_threadsafe(queue.put_nowait, f"item {i}")
    loop.call_soon_threadsafe(queue.put_nowait, None)


async def double(x):
    await asyncio.sleep(0.01)
    return 2 * x


def ask_the_loop(loop, x):
    time.sleep(0.05)
    future = asyncio.run_coroutine_threadsafe(double(x), loop)
    print("the thread got", future.result(timeout=2), type(future).__name__)


def settle(loop, future):
    time.sleep(0.05)
    loop.call_soon_threadsafe(future.set_result, 42)


async def main():
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()
    threading.Thread(target=producer, args=(loop, queue, 3)).start()
    while (item := await queue.get()) is not None:
        print("got", item)

    waiting = loop.create_future()
    threading.Thread(target=settle, args=(loop, waiting)).start()
    print("the future gave", await waiting)

    asker = threading.Thread(target=ask_the_loop, args=(loop, 21))
    asker.start()
    await asyncio.to_thread(asker.join)

    handle = loop.call_soon_threadsafe(print, "never printed")
    handle.cancel()
    print(handle.cancelled())
    loop.call_soon_threadsafe(print, "in order", 1)
    loop.call_soon(print, "in order", 2)
    loop.call_soon_threadsafe(print, "in order", 3)
    await asyncio.sleep(0)
    print("done")


start = time.perf_counter()
asyncio.run(main())
# A bound, not the time: a busy machine adds tenths that change a rounded figure.
print("Finished in", "under" if time.perf_counter() - start < 0.8 else "over", "0.8 second(s)")
