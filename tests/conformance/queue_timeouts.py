# get with a timeout raises queue.Empty; put on a full queue raises queue.Full.
import queue
import threading
import time

q = queue.Queue(maxsize=2)
q.put("a")
q.put("b")
try:
    q.put("c", timeout=0.01)
except queue.Full:
    print("full after", q.qsize())
print(q.get(), q.get())
try:
    q.get(timeout=0.01)
except queue.Empty:
    print("empty, as expected")

def late_put():
    time.sleep(0.02)
    q.put("late")

threading.Thread(target=late_put).start()
print("waited for:", q.get(timeout=2))
print(q.full(), q.empty())
