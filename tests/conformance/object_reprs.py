# What print() shows of threading's, queue's, concurrent.futures' and asyncio's objects, with
# addresses and file paths masked (they differ from run to run and machine to machine).
import asyncio
import concurrent.futures
import queue
import re
import threading


def shown(value):
    text = re.sub(r"0x[0-9a-f]+", "0x…", repr(value))
    text = re.sub(r"owner=\d+", "owner=N", text)
    return re.sub(r" at \S+?:(\d+)", r" at FILE:\1", text)


print(shown(threading.Lock()))
rlock = threading.RLock()
rlock.acquire()
rlock.acquire()
print(shown(rlock))
print(shown(threading.Semaphore(3)))
print(shown(threading.BoundedSemaphore(2)))
print(shown(threading.Event()))
print(shown(threading.Barrier(3)))
print(shown(threading.Condition()))
print(shown(queue.Queue()))
print(shown(queue.PriorityQueue()))

with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
    returned = pool.submit(pow, 2, 10)
    raised = pool.submit(divmod, 1, 0)
    concurrent.futures.wait([returned, raised])
print(shown(returned))
print(shown(raised))


async def child():
    await asyncio.sleep(0.05)
    return "child"


def finished(task):
    print("callback sees", shown(task))


async def parent(task):
    return await task


async def main():
    print(shown(asyncio.Lock()), shown(asyncio.Event()), shown(asyncio.Semaphore(2)))
    named = asyncio.create_task(child(), name="named")
    unnamed = asyncio.create_task(child())
    print(shown(named))
    print(shown(unnamed))
    named.add_done_callback(finished)
    waiting = asyncio.create_task(parent(named))
    await asyncio.sleep(0.01)
    print(shown(named))
    print(shown(waiting))
    await waiting
    await unnamed
    print(shown(waiting))
    doomed = asyncio.create_task(child())
    await asyncio.sleep(0)
    doomed.cancel()
    await asyncio.gather(doomed, return_exceptions=True)
    print(shown(doomed))
    future = asyncio.get_running_loop().create_future()
    print(shown(future))
    future.set_result(7)
    print(shown(future))
    coroutine = child()
    print(shown(coroutine))
    await coroutine


asyncio.run(main())
