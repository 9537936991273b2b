import threading

print(threading.excepthook is threading.__excepthook__)
failures = []
lock = threading.Lock()

def hook(args):
    with lock:
        failures.append((args.thread.name, args.exc_type.__name__, str(args.exc_value)))
    print(f"hook: {args.exc_type.__name__} in {args.thread.name}: {args.exc_value}")
    print("has traceback:", args.exc_traceback is not None, isinstance(args.exc_value, args.exc_type))

threading.excepthook = hook
print(threading.excepthook is hook)

def work(n):
    if n % 2:
        raise ValueError(f"odd input {n}")
    print("worker", n, "ok")

for n in range(4):
    t = threading.Thread(target=work, args=(n,), name=f"worker-{n}")
    t.start()
    t.join()

class Fetcher(threading.Thread):
    def run(self):
        {}["missing"]

f = Fetcher(name="fetcher")
f.start()
f.join()
print(sorted(failures))
print(threading.excepthook.__name__ if hasattr(threading.excepthook, "__name__") else "?")
