import threading
import time

go = threading.Event()

def runner(n):
    print(f"runner {n} ready")
    go.wait()
    print(f"runner {n} off")

field = [threading.Thread(target=runner, args=(n,)) for n in range(4)]
for t in field:
    t.start()
time.sleep(0.1)
print("set:", go.is_set())
go.set()
for t in field:
    t.join()
print("timed out:", not threading.Event().wait(0.05))
