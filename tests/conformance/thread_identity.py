# Thread identities: idents are unique while threads run; names can change.
import threading

seen = {}
lock = threading.Lock()

def record():
    me = threading.current_thread()
    with lock:
        seen[me.name] = me.ident is not None and me.ident == threading.get_ident()

threads = [threading.Thread(target=record, name=f"w{n}") for n in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(seen.items()))
t = threading.Thread(target=lambda: None)
print(t.ident is None, t.name.startswith("Thread-"))
t.name = "renamed"
t.start()
t.join()
print(t.name, t.ident is not None, t.daemon)
