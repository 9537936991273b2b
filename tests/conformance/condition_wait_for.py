# Condition.wait_for waits until a predicate holds; a timeout makes it give up.
import threading

stock = {"apples": 0}
cond = threading.Condition()

def restock(amount):
    with cond:
        stock["apples"] += amount
        cond.notify_all()

def buyer(wanted, results):
    with cond:
        ok = cond.wait_for(lambda: stock["apples"] >= wanted, timeout=5)
        if ok:
            stock["apples"] -= wanted
        results.append((wanted, ok))

results = []
b = threading.Thread(target=buyer, args=(3, results))
b.start()
for _ in range(3):
    restock(1)
b.join()
print("bought:", results)
print("left:", stock["apples"])

with cond:
    print("predicate already true:", cond.wait_for(lambda: True))
    print("never true, short timeout:", cond.wait_for(lambda: stock["apples"] > 100, timeout=0.01))
