# main_thread, current_thread, active_count and enumerate seen from several threads.
import threading

main = threading.main_thread()
print("main name:", main.name)
print("current is main:", threading.current_thread() is main)
print("active at start:", threading.active_count())

seen = []
go = threading.Event()

def worker():
    me = threading.current_thread()
    seen.append((me.name, me is threading.main_thread(), me.daemon))
    go.wait()

threads = [threading.Thread(target=worker, name=f"w{i}") for i in range(3)]
for t in threads:
    t.start()
print("active while running:", threading.active_count())
print("names:", sorted(t.name for t in threading.enumerate()))
go.set()
for t in threads:
    t.join()
print(sorted(seen))
print("active after join:", threading.active_count())
print("alive:", [t.is_alive() for t in threads])
