# A repeating job made of Timers, stopped after a few runs.
import threading

runs = []
done = threading.Event()

def tick(count):
    runs.append(count)
    if count < 3:
        threading.Timer(0.01, tick, args=(count + 1,)).start()
    else:
        done.set()

threading.Timer(0.01, tick, args=(1,)).start()
print("finished:", done.wait(timeout=2))
print(runs)
