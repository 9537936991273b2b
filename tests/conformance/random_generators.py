# Seeded generators: one per worker thread draws the same numbers every run, whatever the
# threads' order; the module's functions and the distributions follow CPython's algorithms.
import random
import threading


def simulate(worker, results):
    rng = random.Random(1000 + worker)
    delays = [round(rng.uniform(0.1, 0.5), 6) for _ in range(3)]
    picks = rng.sample(range(100), 4)
    results[worker] = (delays, picks, rng.randint(1, 6), rng.choice("abcdef"))


results = {}
threads = [threading.Thread(target=simulate, args=(n, results)) for n in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
for worker in sorted(results):
    print(worker, results[worker])

random.seed(7)
print([round(random.gauss(10, 2), 9) for _ in range(5)])
print([round(random.normalvariate(0, 1), 9) for _ in range(3)])
print([round(random.expovariate(1.5), 9) for _ in range(3)])
print([round(random.triangular(0, 10, 2), 9) for _ in range(3)], round(random.triangular(), 9))
print(round(random.lognormvariate(0, 0.5), 9), round(random.paretovariate(3), 9), round(random.weibullvariate(1, 2), 9))

# gauss keeps its second number until the next call; seeding forgets it.
rng = random.Random(3)
first = rng.gauss()
rng.seed(3)
print(first == rng.gauss(), round(rng.gauss(), 9))
a, b = random.Random(42), random.Random(42)
print([a.random() for _ in range(2)] == [b.random() for _ in range(2)], a.getrandbits(16), b.randrange(0, 100, 5))
items = list(range(8))
a.shuffle(items)
print(items, a.choices("xyz", weights=[1, 2, 7], k=5))
print(type(a).__name__, isinstance(random.random(), float))
