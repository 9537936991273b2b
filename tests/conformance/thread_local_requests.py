# Each thread keeps its own session in threading.local.
import threading

store = threading.local()
report = []
report_lock = threading.Lock()

def session():
    if not hasattr(store, "requests"):
        store.requests = 0
    store.requests += 1
    return store.requests

def client(name, calls):
    for _ in range(calls):
        session()
    with report_lock:
        report.append((name, store.requests))

threads = [threading.Thread(target=client, args=(f"c{n}", n + 1)) for n in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(report))
print(hasattr(store, "requests"))
