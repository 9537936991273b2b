# threading.RLock taken again by its owner, released as often as taken; main_thread and
# get_ident.
import threading

rlock = threading.RLock()
total = 0


def add(n):
    global total
    with rlock:
        total += n


def add_twice(n):
    with rlock:
        add(n)
        add(n)


threads = [threading.Thread(target=add_twice, args=(i,)) for i in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("total", total)
print(rlock.acquire(), rlock.acquire(), rlock.acquire(blocking=False))
rlock.release()
rlock.release()
rlock.release()
try:
    rlock.release()
except RuntimeError as e:
    print("error:", e)
print(threading.main_thread().name, threading.main_thread() is threading.current_thread())
print(isinstance(threading.get_ident(), int))


def other():
    print("main is not current:", threading.main_thread() is not threading.current_thread())


t = threading.Thread(target=other)
t.start()
t.join()
