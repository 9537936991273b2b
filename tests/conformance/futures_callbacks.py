# A done callback runs when the work finishes; results collected by the callbacks.
import concurrent.futures
import threading

collected = []
lock = threading.Lock()

def work(n):
    return n * 10

def on_done(future):
    with lock:
        collected.append(future.result())

with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
    for n in range(5):
        pool.submit(work, n).add_done_callback(on_done)
print(sorted(collected))
done_future = concurrent.futures.ThreadPoolExecutor(max_workers=1).submit(work, 7)
print(done_future.result(), done_future.done())
