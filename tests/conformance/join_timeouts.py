# join(timeout) returns while the thread still runs; is_alive tells which.
import threading
import time

def sleeper(seconds):
    time.sleep(seconds)

t = threading.Thread(target=sleeper, args=(0.2,))
t.start()
t.join(timeout=0.01)
print("alive after a short join:", t.is_alive())
t.join()
print("alive after a full join:", t.is_alive())
event = threading.Event()
print("wait timed out:", event.wait(timeout=0.01))
threading.Timer(0.01, event.set).start()
print("wait was set:", event.wait(timeout=2))
condition = threading.Condition()
with condition:
    print("condition wait:", condition.wait(timeout=0.01))
semaphore = threading.Semaphore(0)
print("semaphore:", semaphore.acquire(timeout=0.01))
semaphore.release()
print("semaphore:", semaphore.acquire(timeout=0.01))
