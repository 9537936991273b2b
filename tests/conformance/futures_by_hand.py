# concurrent.futures.Future made by hand: a thread finishes it with set_result or
# set_exception, its callbacks run in that thread before the call returns, and cancel()
# runs them at once.
import threading
import time
from concurrent.futures import Future, wait


def deliver(future, value, delay):
    time.sleep(delay)
    print("delivering", repr(value), "in", threading.current_thread().name)
    if isinstance(value, Exception):
        future.set_exception(value)
    else:
        future.set_result(value)
    print("delivered", repr(value))


def report(future):
    if future.cancelled():
        print("callback: cancelled")
    elif future.exception() is not None:
        print("callback: failed with", repr(future.exception()), "in", threading.current_thread().name)
    else:
        print("callback: got", future.result(), "in", threading.current_thread().name)


futures = [Future() for _ in range(3)]
for future in futures:
    future.add_done_callback(report)
print(futures[0].done(), futures[0].running(), futures[0].set_running_or_notify_cancel(), futures[0].running())
print("cancel:", futures[2].cancel(), futures[2].cancelled(), futures[2].set_running_or_notify_cancel())
print("cancel a running one:", futures[0].cancel())
threading.Thread(target=deliver, args=(futures[0], 42, 0.05), name="first").start()
threading.Thread(target=deliver, args=(futures[1], ValueError("no data"), 0.15), name="second").start()
# Main waits by sleeping, so that each thread's lines and its callback's come whole.
time.sleep(0.1)
print("result:", futures[0].result())
time.sleep(0.1)
finished, pending = wait(futures[:2])
print(len(finished), "finished,", len(pending), "pending")
for future in futures[:2]:
    print("completed:", repr(future.exception()) if future.exception() else future.result())
futures[0].add_done_callback(report)
try:
    futures[1].result()
except ValueError as error:
    print("ValueError:", error)
