# threading.Timer: a call after an interval, a cancelled one, and arguments by keyword. Times
# are checked against their least, not printed.
import threading
import time

start = time.perf_counter()


def hello(name, punctuation="!"):
    print(f"hello, {name}{punctuation}")


t = threading.Timer(0.2, hello, args=("world",))
t.start()
print("started", t.is_alive())
t.join()
print("joined", t.is_alive(), time.perf_counter() - start >= 0.2)

cancelled = threading.Timer(0.5, hello, ["never"])
cancelled.start()
time.sleep(0.1)
cancelled.cancel()
cancelled.join()
print("cancelled before its time", time.perf_counter() - start < 0.6)

k = threading.Timer(0.1, hello, kwargs={"name": "kw", "punctuation": "?"})
k.start()
k.join()
