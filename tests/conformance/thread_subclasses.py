# Classes deriving from threading.Thread: run() in the thread, super().__init__(), names, daemon
# and name set as attributes, and a subclass given a target.
import threading
import time


class Worker(threading.Thread):
    def __init__(self, number, delay):
        super().__init__()
        self.number = number
        self.delay = delay
        self.result = None

    def run(self):
        time.sleep(self.delay)
        self.result = self.number * 10
        print(f"worker {self.number} done in {threading.current_thread().name}")


workers = [Worker(n, 0.1 * (3 - n)) for n in range(3)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print([w.result for w in workers], [w.name for w in workers])


class Named(threading.Thread):
    def run(self):
        print("running", self.name, self.daemon)


t = Named(name="custom")
t.daemon = True
t.start()
t.join()
print(t.is_alive())

plain = threading.Thread(target=lambda: print("plain target"))
plain.daemon = False
plain.name = "renamed"
plain.start()
plain.join()
print(plain.name)


class WithTarget(threading.Thread):
    pass


w = WithTarget(target=print, args=("target of a subclass",))
w.start()
w.join()
