# Workers wait for a start signal; the main thread sets it once they are ready.
import threading

ready = threading.Barrier(4)
go = threading.Event()
order = []
lock = threading.Lock()

def runner(name):
    ready.wait()
    go.wait()
    with lock:
        order.append(name)

threads = [threading.Thread(target=runner, args=(f"r{n}",), name=f"runner-{n}") for n in range(3)]
for t in threads:
    t.start()
ready.wait()
print("set before:", go.is_set())
go.set()
for t in threads:
    t.join()
print("finished:", sorted(order), go.is_set())
print([t.name for t in threads])
