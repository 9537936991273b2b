import asyncio
import concurrent.futures
import threading
import time


async def fail():
    await asyncio.sleep(0.01)
    raise ValueError("bad value")


async def slow():
    await asyncio.sleep(0.5)
    return "slow"


loop = asyncio.new_event_loop()
print(repr(loop)[:24], loop.is_running())
runner = threading.Thread(target=loop.run_forever)
runner.start()
time.sleep(0.1)
print(loop.is_running(), loop.is_closed())
try:
    asyncio.run_coroutine_threadsafe(fail(), loop).result()
except ValueError as error:
    print("raised", repr(error))
future = asyncio.run_coroutine_threadsafe(slow(), loop)
try:
    future.result(timeout=0.1)
except concurrent.futures.TimeoutError:
    print("timed out, done:", future.done())
print(future.result())
try:
    asyncio.run_coroutine_threadsafe(lambda: 1, loop)
except TypeError as error:
    print("TypeError", error)
try:
    loop.close()
except RuntimeError as error:
    print("RuntimeError", error)
calls = []
future = asyncio.run_coroutine_threadsafe(slow(), loop)
future.add_done_callback(lambda f: calls.append(f.result()))
loop.call_soon_threadsafe(loop.stop)
runner.join()
print(loop.is_running(), calls, future.done())
loop.run_until_complete(asyncio.sleep(0.6))
print(calls, future.done())
loop.close()
try:
    loop.call_soon_threadsafe(print, "late")
except RuntimeError as error:
    print("RuntimeError", error)


async def main():
    asyncio.get_running_loop().stop()
    await asyncio.sleep(0.1)
    print("not reached")

try:
    asyncio.run(main())
except RuntimeError as error:
    print("RuntimeError", error)

fresh = asyncio.new_event_loop()
try:
    fresh.run_until_complete(42)
except TypeError as error:
    print("TypeError", error)
print(fresh.run_until_complete(slow()))
fresh.close()
