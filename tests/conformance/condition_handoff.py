# A condition variable hands items from a producer to a consumer one at a time.
import threading

items = []
condition = threading.Condition()
received = []

def consumer():
    for _ in range(5):
        with condition:
            while not items:
                condition.wait()
            received.append(items.pop(0))
            condition.notify()

def producer():
    for n in range(5):
        with condition:
            while items:
                condition.wait()
            items.append(n)
            condition.notify()

c = threading.Thread(target=consumer)
p = threading.Thread(target=producer)
c.start()
p.start()
p.join()
c.join()
print("received:", received)
