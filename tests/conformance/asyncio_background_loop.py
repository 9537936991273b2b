# An event loop running forever in a thread of its own, fed by the main thread, then stopped.
import asyncio
import threading
import time


async def greet(name, delay):
    await asyncio.sleep(delay)
    print("hello", name, "from", threading.current_thread().name)
    return len(name)


def tick(loop, left):
    print("tick", left)
    if left > 1:
        loop.call_later(0.05, tick, loop, left - 1)


loop = asyncio.new_event_loop()
print(loop.is_running(), loop.is_closed())
loop.call_soon(tick, loop, 3)
thread = threading.Thread(target=loop.run_forever, name="LoopThread")
thread.start()
time.sleep(0.2)
print(loop.is_running())
futures = [asyncio.run_coroutine_threadsafe(greet(name, 0.1 * i), loop) for i, name in enumerate(["ada", "grace"])]
print([future.result() for future in futures])
loop.call_soon_threadsafe(loop.stop)
thread.join()
print(loop.is_running(), loop.is_closed())
loop.close()
print(loop.is_closed())

# run_forever in the main thread, stopped by a callback.
other = asyncio.new_event_loop()
other.call_later(0.1, print, "stopping")
other.call_later(0.1, other.stop)
started = time.perf_counter()
other.run_forever()
# A bound, not the time: a busy machine adds tenths that change a rounded figure.
print("ran for", "under" if time.perf_counter() - started < 0.5 else "over", "0.5 s")
task = other.create_task(greet("again", 0))
print(other.run_until_complete(task))
other.close()
