# The asyncio docs' older examples: callbacks scheduled with call_soon, call_later and call_at
# on a loop before run_forever, the loop's clock read before it runs (time.monotonic's), and
# loop.stop from a callback. Each step is 0.1 s from the next, so a slow page keeps the order.
import asyncio
import time

loop = asyncio.new_event_loop()
start = loop.time()
print("clock is monotonic:", abs(start - time.monotonic()) < 0.05)


def tick(number, end_time):
    print(f"tick {number}, after the start: {loop.time() - start >= 0.2 * (number - 1)}")
    if loop.time() + 0.2 < end_time:
        loop.call_later(0.2, tick, number + 1, end_time)
    else:
        loop.stop()


def hello(name):
    print(f"hello {name}, running: {loop.is_running()}")


end_time = loop.time() + 0.9
loop.call_soon(tick, 1, end_time)
loop.call_soon(hello, "soon")
loop.call_later(0.1, hello, "later")
handle = loop.call_at(start + 0.3, hello, "at")
cancelled = loop.call_later(0.3, hello, "never")
cancelled.cancel()
print("scheduled; running:", loop.is_running())
try:
    loop.run_forever()
finally:
    loop.close()
print("closed:", loop.is_closed(), "handle cancelled:", handle.cancelled(), cancelled.cancelled())
