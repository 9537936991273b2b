# Event.wait returns whether the flag is set, even when it times out.
import threading

ready = threading.Event()
print("is_set at start:", ready.is_set())
print("wait(0.01) before set:", ready.wait(0.01))

def setter():
    ready.set()

t = threading.Thread(target=setter)
t.start()
t.join()
print("wait(0.01) after set:", ready.wait(0.01))
print("wait() after set:", ready.wait())
ready.clear()
print("is_set after clear:", ready.is_set())

outcomes = []

def waiter(name, timeout):
    outcomes.append((name, ready.wait(timeout)))

w = threading.Thread(target=waiter, args=("early", 0.05))
w.start()
w.join()
ready.set()
w = threading.Thread(target=waiter, args=("late", 0.05))
w.start()
w.join()
print(outcomes)
