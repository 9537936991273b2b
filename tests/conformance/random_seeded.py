# random after random.seed(...): every function draws the numbers python3 draws, threads
# included when they draw one after another; mistakes raise python3's errors.
import random
import threading

random.seed(2024)
print("random", [random.random() for _ in range(3)])
print("uniform", random.uniform(1, 10), random.uniform(-2.5, 2.5), random.uniform(5, 5))
print("randint", [random.randint(1, 6) for _ in range(10)])
print("randint wide", random.randint(-10**20, 10**20))
print("randrange stop", [random.randrange(10) for _ in range(8)])
print("randrange start stop", [random.randrange(100, 110) for _ in range(5)])
print("randrange step", [random.randrange(0, 100, 7) for _ in range(5)])
print("randrange negative step", [random.randrange(50, -50, -9) for _ in range(5)])
print("randrange keywords", random.randrange(3, stop=30, step=3))
print("getrandbits", [random.getrandbits(k) for k in (0, 1, 8, 32, 33, 64, 100)])

colors = ["red", "green", "blue", "cyan", "magenta"]
print("choice", [random.choice(colors) for _ in range(5)])
print("choice of str, tuple, range", random.choice("abcdef"), random.choice((1, 2, 3)),
      random.choice(range(10**12)))
print("choices", random.choices(colors, k=6))
print("choices default k", random.choices(colors))
print("choices weights", random.choices(colors, weights=[10, 1, 1, 0, 5], k=8))
print("choices weights positional", random.choices(colors, [0.5, 0.25, 0.125, 0.0625, 0.0625], k=4))
print("choices cum_weights", random.choices(colors, cum_weights=[1, 2, 10, 11, 20], k=6))

deck = list(range(20))
random.shuffle(deck)
print("shuffle", deck)
print("sample small", random.sample(colors, 3))
print("sample pool", random.sample(range(30), 10))
print("sample set", random.sample(range(10**6), 8))
print("sample keyword k", random.sample(population=tuple(colors), k=5))
print("sample counts", random.sample(["x", "y", "z"], counts=[3, 1, 2], k=4))
print("sample string", random.sample("threadplay", 4))
print("sample none", random.sample(colors, 0))
print("choices from a range", random.choices(range(1000), weights=range(1000), k=3))
empty = []
random.shuffle(empty)
print("shuffle empty", empty)

for seed in (0, 1, -1, 2**64 + 3, 12345678901234567890, True, 1.5, -0.25):
    random.seed(seed)
    print("seed", seed, random.random(), random.randint(0, 1000))

random.seed(7)
first = [random.random() for _ in range(3)]
random.seed(7)
print("same seed, same numbers", first == [random.random() for _ in range(3)])
random.seed()
random.seed(None)
print("unseeded", 0.0 <= random.random() < 1.0)


def draw(name, results):
    results.append((name, random.randint(1, 100), random.choice(colors)))


random.seed(99)
results = []
for i in range(4):
    worker = threading.Thread(target=draw, args=(f"worker-{i}", results))
    worker.start()
    worker.join()
print("threads", results)
print("after threads", random.random())

mistakes = [
    lambda: random.choice([]),
    lambda: random.choice(""),
    lambda: random.randrange(0),
    lambda: random.randrange(5, 5),
    lambda: random.randrange(10, 0),
    lambda: random.randrange(0, 10, 0),
    lambda: random.randrange(0, 10, -1),
    lambda: random.randrange(10, step=2),
    lambda: random.randint(3, 1),
    lambda: random.sample(colors, 6),
    lambda: random.sample(colors, -1),
    lambda: random.sample({"a": 1}, 1),
    lambda: random.sample(colors, 2, counts=[1, 2]),
    lambda: random.sample(colors[:2], 2, counts=[0, 0]),
    lambda: random.choices(colors, 3),
    lambda: random.choices(colors, weights=[1, 2]),
    lambda: random.choices(colors, weights=[0, 0, 0, 0, 0]),
    lambda: random.choices(colors, weights=[1] * 5, cum_weights=[1] * 5),
    lambda: random.choices([], k=1),
    lambda: random.getrandbits(-1),
    lambda: random.seed([1, 2]),
]
for mistake in mistakes:
    try:
        mistake()
    except (IndexError, ValueError, TypeError) as error:
        print(type(error).__name__, error)
print("choices none from empty", random.choices([], k=0))
