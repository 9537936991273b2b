# Run once, output discarded, before a page's first program: it takes the interpreter's common
# paths (threads, locks, queues, executors, asyncio, formatting, exceptions) so that a browser
# compiles them now, not inside the reader's first run. Nothing here sleeps.
import asyncio
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed


class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.lock = threading.Lock()

    def deposit(self, amount):
        with self.lock:
            self.balance += amount
        return self.balance

    def __repr__(self):
        return f"Account({self.owner!r}, {self.balance:,.2f})"


def work(n, results, ready):
    ready.wait()
    total = sum(i * i for i in range(n))
    results.put((threading.current_thread().name, total))
    return total


def threads():
    start = time.perf_counter()
    results = queue.Queue()
    ready = threading.Event()
    workers = [threading.Thread(target=work, args=(n, results, ready), name=f"T-{n}") for n in range(3)]
    for worker in workers:
        worker.start()
    ready.set()
    for worker in workers:
        worker.join()
    done = sorted(results.get() for _ in workers)
    account = Account("warm")
    for amount in [1, 2, 3]:
        account.deposit(amount)
    condition = threading.Condition()
    with condition:
        condition.notify_all()
    print(done, account, {k: v for k, v in done}, f"{time.perf_counter() - start:.2f}", sep=" | ", end="\n")


def executors():
    with ThreadPoolExecutor(max_workers=2) as executor:
        futures = [executor.submit(pow, 2, n) for n in range(4)]
        print([future.result() for future in as_completed(futures)], list(executor.map(str.upper, "ab")))


async def fetch(n, lock):
    async with lock:
        await asyncio.sleep(0)
    if n < 0:
        raise ValueError(f"bad {n}")
    return n * 2


async def main():
    loop = asyncio.get_running_loop()
    started = loop.time()
    lock = asyncio.Lock()
    tasks = [asyncio.create_task(fetch(n, lock), name=f"fetch-{n}") for n in range(3)]
    tasks[0].add_done_callback(lambda task: print(task.get_name(), task.result()))
    loop.call_soon(print, "call_soon", loop.call_later(0, print).cancelled())
    print(await asyncio.gather(*tasks), await asyncio.gather(fetch(-1, lock), return_exceptions=True))
    asyncio_queue = asyncio.Queue()
    await asyncio_queue.put("item")
    print(await asyncio.wait_for(asyncio_queue.get(), timeout=1), round(loop.time() - started, 1))


def errors():
    try:
        {}["missing"]
    except KeyError as error:
        print(type(error).__name__, error, "{:>8}|{:<4}|{:^5}".format("a", 1, 2.5), "%s %d" % ("x", 3))


threads()
executors()
asyncio.run(main())
errors()
