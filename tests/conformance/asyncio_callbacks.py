# Callbacks on the event loop: a task's done callbacks (the "keep a reference to background
# tasks" idiom), loop.call_soon / call_later / call_at, a future resolved by a timer, handles
# cancelled, and a callback that blocks the loop for a moment. A timer says whether it fired no
# earlier than it was due, never how late: a fresh WebKit page ran it 0.08 s late and more, so
# times rounded to tenths printed other tenths than python3's. The tasks end 0.18 s before the
# first timer, and the two timers are 0.09 s apart: their order holds on a page that late.
import asyncio
import time

background = set()


async def fetch(n):
    await asyncio.sleep(0.05 * n)
    return f"page {n}"


def announce(task):
    print(f"{task.get_name()} finished: {task.result()}")


def at(label, loop, started, due):
    # CPython's loop may run a timer up to its clock's resolution early.
    print(f"{label} fired, not before it was due: {loop.time() - started >= due - 0.001}")


def blocking(loop):
    time.sleep(0.02)
    print("the blocking callback returned")
    loop.call_soon(print, "queued by a callback")


async def main():
    loop = asyncio.get_running_loop()
    started = loop.time()
    loop.call_soon(print, "call_soon before the tasks")
    for n in range(3):
        task = asyncio.create_task(fetch(n), name=f"fetch-{n}")
        background.add(task)
        task.add_done_callback(background.discard)
        task.add_done_callback(announce)
    print(len(background), "tasks in the background")

    handle = loop.call_soon(print, "never printed")
    print(type(handle).__name__, handle.cancelled())
    handle.cancel()
    print("cancelled:", handle.cancelled())

    loop.call_later(0.37, at, "call_later(0.37)", loop, started, 0.37)
    loop.call_at(started + 0.28, at, "call_at(+0.28)", loop, started, 0.28)
    timer = loop.call_later(0.05, at, "cancelled timer", loop, started, 0.05)
    print(type(timer).__name__, timer.when() > started)
    timer.cancel()

    future = loop.create_future()
    loop.call_later(0.5, future.set_result, "set by a timer")
    print(await future)
    print(len(background), "tasks left")

    loop.call_soon(blocking, loop)
    await asyncio.sleep(0)
    print("main goes on after the blocking callback")
    await asyncio.sleep(0.04)

    task = asyncio.create_task(fetch(1))
    task.add_done_callback(announce)
    print("removed", task.remove_done_callback(announce), "then", task.remove_done_callback(announce))
    await task
    task.add_done_callback(lambda done: print("a callback on a done task:", done.result()))
    print("added to a done task")
    await asyncio.sleep(0)

    lines = []
    future = loop.create_future()
    future.add_done_callback(lambda done: lines.append(f"first {done.result()}"))
    future.add_done_callback(lambda done: lines.append(f"second {done.result()}"))
    future.set_result(42)
    await future
    await asyncio.sleep(0)
    print(lines)
    # Its timers add up to 0.57 s; a fresh WebKit page once ran it 0.08 s late or more (0.7 printed).
    elapsed = loop.time() - started
    print("Finished in", "under" if elapsed < 1.2 else "over", "1.2 second(s)")


asyncio.run(main())
