# One lock per account, taken in a fixed order so transfers cannot deadlock.
import threading

balances = {"a": 100, "b": 100, "c": 100}
locks = {name: threading.Lock() for name in balances}

def transfer(src, dst, amount):
    first, second = sorted([src, dst])
    with locks[first]:
        with locks[second]:
            if balances[src] >= amount:
                balances[src] -= amount
                balances[dst] += amount

moves = [("a", "b", 10), ("b", "a", 10), ("b", "c", 5), ("c", "b", 5)] * 5
threads = [threading.Thread(target=transfer, args=move) for move in moves]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(balances, sum(balances.values()))
