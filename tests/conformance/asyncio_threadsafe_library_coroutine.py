# run_coroutine_threadsafe takes the library's coroutines too (asyncio.sleep with a result),
# and refuses what is not a coroutine.
import asyncio, threading
loop = asyncio.new_event_loop()
t = threading.Thread(target=loop.run_forever)
t.start()
future = asyncio.run_coroutine_threadsafe(asyncio.sleep(0.05, result=7), loop)
print("result", future.result(timeout=2))
try:
    asyncio.run_coroutine_threadsafe(42, loop)
except TypeError as e:
    print("TypeError:", e)
loop.call_soon_threadsafe(loop.stop)
t.join()
loop.close()
print("closed", loop.is_closed())
