import threading
import queue
t = threading.Thread(target=print)
class W(threading.Thread):
    pass
w = W()
print(isinstance(t, threading.Thread), isinstance(w, threading.Thread), isinstance(3, threading.Thread))
l = threading.Lock()
print(type(l).__name__, type(t).__name__, type(w).__name__)
print(type(iter([1])).__name__, type(x for x in []).__name__)
q = queue.Queue()
print(type(q).__name__, isinstance(q, queue.Queue))
