import threading

shelf = []
changed = threading.Condition()

def consumer(n):
    with changed:
        while not shelf:
            changed.wait()
        print(f"consumer {n} took {shelf.pop(0)}")

def producer():
    for item in range(3):
        with changed:
            shelf.append(item)
            changed.notify()

eaters = [threading.Thread(target=consumer, args=(n,)) for n in range(3)]
for t in eaters:
    t.start()
maker = threading.Thread(target=producer)
maker.start()
for t in eaters:
    t.join()
maker.join()
with changed:
    print("notified in time:", changed.wait(0.05))
print("shelf empty:", shelf == [])
