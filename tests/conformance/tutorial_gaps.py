# Calls tutorials make that take keywords or loops other programs leave out: Barrier(parties=),
# Thread(group=None), typing.Never, ensure_future(loop=), all_tasks(loop) before the loop runs,
# a timeout rescheduled, a manager's namespace read before it is set, and sharedctypes' raw
# numbers.
import asyncio
import threading
from multiprocessing import Manager
from multiprocessing.sharedctypes import Array, RawArray, RawValue, Value
from typing import Never, NoReturn

print(Never, NoReturn)


def stop() -> Never:
    raise SystemExit("never returns")


arrived = []
barrier = threading.Barrier(parties=3, action=lambda: arrived.append("all here"), timeout=5)


class Walker(threading.Thread):
    def __init__(self, number):
        super().__init__(group=None, target=None, name=f"walker-{number}", daemon=None)
        self.number = number

    def run(self):
        barrier.wait()


walkers = [Walker(number) for number in range(3)]
for walker in walkers:
    walker.start()
for walker in walkers:
    walker.join()
print(arrived, barrier.parties, [walker.name for walker in walkers])

try:
    threading.Thread(group="workers", target=print)
except AssertionError as error:
    print("group:", error)


async def nap(seconds):
    await asyncio.sleep(seconds)
    return seconds


loop = asyncio.new_event_loop()
first = asyncio.ensure_future(nap(0.02), loop=loop)
loop.create_task(nap(0.01))
waiting = asyncio.all_tasks(loop)
print("tasks before the loop runs:", len(waiting), first in waiting)
print(sorted(loop.run_until_complete(asyncio.gather(*waiting))))
loop.close()


async def rescheduled():
    try:
        async with asyncio.timeout(None) as timeout:
            print("when at first:", timeout.when())
            deadline = asyncio.get_running_loop().time() + 0.05
            timeout.reschedule(deadline)
            print("when moved:", timeout.when() == deadline)
            await asyncio.sleep(1)
    except TimeoutError:
        print("timed out:", timeout.expired())
    try:
        timeout.reschedule(None)
    except RuntimeError as error:
        print(error)


asyncio.run(rescheduled())

with Manager() as manager:
    namespace = manager.Namespace()
    try:
        print(namespace.value)
    except AttributeError as error:
        print("AttributeError:", error)
    namespace.value = "set"
    print(namespace.value)


async def name_of_this_task():
    return asyncio.current_task().get_name()


# asyncio.run closes its loop as CPython's runner does, with two tasks of its own.
print("the next run's task:", asyncio.run(name_of_this_task()))
with asyncio.Runner() as runner:
    print("a runner's task:", runner.run(name_of_this_task()))
print("after the runner:", asyncio.run(name_of_this_task()))

counter = Value("i", 7)
with counter.get_lock():
    counter.value += 1
raw = RawValue("d", 2.5)
numbers = RawArray("i", [1, 2, 3])
print(counter.value, raw, raw.value, numbers[:], len(numbers), Array("i", 3, lock=False)[:])

text = Array("c", b"four score and seven")
text.value = b"five"
print(text.value, text[:], text.raw[:6], text[0], len(text), Value("c", b"x").value)
try:
    text.value = b"x" * 30
except ValueError as error:
    print(error)
