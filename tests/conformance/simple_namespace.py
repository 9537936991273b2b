# types.SimpleNamespace: settings and results as attributes, shared by threads.
import threading
from types import SimpleNamespace

settings = SimpleNamespace(workers=2, delay=0.05, name="crawler")
print(settings)
print(settings.workers, settings.name)
settings.retries = 3
settings.workers = 4
print(settings)
results = SimpleNamespace(done=0)
lock = threading.Lock()


def work():
    for _ in range(1000):
        with lock:
            results.done += 1


threads = [threading.Thread(target=work) for _ in range(settings.workers)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(results, results.done)
print(SimpleNamespace(a=1, b=2) == SimpleNamespace(b=2, a=1), SimpleNamespace(a=1) == SimpleNamespace(a=2))
print(SimpleNamespace(), type(settings), type(settings).__name__, hasattr(settings, "delay"), getattr(settings, "missing", None))
try:
    settings.missing
except AttributeError as error:
    print("AttributeError:", error)


class Point:
    def __repr__(self):
        return "Point()"


print(SimpleNamespace(origin=Point(), corners=[Point(), Point()]))
