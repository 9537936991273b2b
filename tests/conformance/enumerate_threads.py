# The main thread and the names threads get by default and by choice.
import threading

def named():
    print("inside:", threading.current_thread().name)

print(threading.current_thread().name, threading.main_thread().name)
t1 = threading.Thread(target=named)
t2 = threading.Thread(target=named, name="worker")
for t in (t1, t2):
    t.start()
    t.join()
print(t1.name, t2.name, t1.is_alive())
print([t.name for t in threading.enumerate()])
print(threading.current_thread() is threading.main_thread())
