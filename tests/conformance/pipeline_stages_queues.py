# Three stages joined by queues, each stage a thread; a sentinel ends each one.
import queue
import threading

STOP = object()

def stage(source, sink, work):
    while True:
        item = source.get()
        if item is STOP:
            sink.put(STOP)
            return
        sink.put(work(item))

raw, cleaned, done = queue.Queue(), queue.Queue(), queue.Queue()
threads = [
    threading.Thread(target=stage, args=(raw, cleaned, lambda s: s.strip())),
    threading.Thread(target=stage, args=(cleaned, done, lambda s: s.upper())),
]
for t in threads:
    t.start()
for word in ["  alpha ", "beta  ", " gamma"]:
    raw.put(word)
raw.put(STOP)
results = []
while True:
    item = done.get()
    if item is STOP:
        break
    results.append(item)
for t in threads:
    t.join()
print(results)
