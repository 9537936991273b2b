# An event loop awaits what other threads finish: asyncio.wrap_future turns a concurrent.futures
# future (an executor's submit, another loop's run_coroutine_threadsafe) into one it can await.
import asyncio
import concurrent.futures
import threading
import time


def blocking_square(n):
    time.sleep(0.05 * n)
    return n * n


def failing():
    time.sleep(0.05)
    raise ValueError("no result")


async def on_writer_loop(text):
    await asyncio.sleep(0.05)
    print("wrote", text, "on", threading.current_thread().name)
    return len(text)


async def main(writer_loop):
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        squares = [asyncio.wrap_future(pool.submit(blocking_square, n)) for n in (2, 1)]
        print(type(squares[0]).__name__, isinstance(squares[0], asyncio.Future))
        print(await asyncio.gather(*squares))
        try:
            await asyncio.wrap_future(pool.submit(failing))
        except ValueError as error:
            print("caught", repr(error))
    # A loop running in another thread does the writing; this loop goes on meanwhile.
    writes = [
        asyncio.wrap_future(asyncio.run_coroutine_threadsafe(on_writer_loop(text), writer_loop))
        for text in ("first", "second line")
    ]
    print("waiting on", threading.current_thread().name)
    print(await asyncio.gather(*writes))
    # An asyncio future is given back as it is.
    own = asyncio.get_running_loop().create_future()
    print(asyncio.wrap_future(own) is own)
    try:
        asyncio.wrap_future(42)
    except AssertionError as error:
        print("refused:", error)


writer_loop = asyncio.new_event_loop()
writer = threading.Thread(target=writer_loop.run_forever, name="Writer")
writer.start()
asyncio.run(main(writer_loop))
writer_loop.call_soon_threadsafe(writer_loop.stop)
writer.join()
writer_loop.close()
print("done")
