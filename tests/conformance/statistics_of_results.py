# statistics over what worker threads measured (simulated durations, so the output is the
# same each run): exact means, medians, spreads and quantiles, as CPython rounds them once.
import random
import statistics
import threading

random.seed(2024)
durations = {}
lock = threading.Lock()


def worker(name, jobs):
    rng = random.Random(name)
    taken = [round(rng.uniform(0.05, 0.5), 4) for _ in range(jobs)]
    with lock:
        durations[name] = taken


threads = [threading.Thread(target=worker, args=(f"w{n}", 5 + n)) for n in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

everything = [d for name in sorted(durations) for d in durations[name]]
for name in sorted(durations):
    taken = durations[name]
    print(name, statistics.mean(taken), statistics.median(taken), round(statistics.stdev(taken), 6))
print("all:", len(everything), statistics.mean(everything), statistics.fmean(everything))
print("spread:", statistics.variance(everything), statistics.pstdev(everything))
print("quartiles:", statistics.quantiles(everything))
print("deciles:", [round(q, 4) for q in statistics.quantiles(everything, n=10, method="inclusive")])

counts = [random.randint(1, 6) for _ in range(30)]
print(statistics.mean(counts), statistics.median(counts), statistics.mode(counts), statistics.multimode(counts))
print(statistics.variance([2, 4, 4, 4, 5, 5, 7, 9]), statistics.pvariance([2, 4, 4, 4, 5, 5, 7, 9]), statistics.pstdev([2, 4, 4, 4, 5, 5, 7, 9]))
print(statistics.median_low([1, 3, 5, 7]), statistics.median_high([1, 3, 5, 7]), statistics.geometric_mean([1, 10, 100]))
print(statistics.mean([1e16, 1.0, -1e16, 3.0]), sum([1e16, 1.0, -1e16, 3.0]) / 4, 82030920993190390 / 10**19, 10**17 // 3 / 7)
# Of two shortest texts as near a float, repr picks the even one.
print(999999999999999.25, -9999999999999992.0 / 10, 1e15 + 0.125, 2.5e-05, 1e16, 0.0001)
try:
    statistics.stdev([0.5])
except statistics.StatisticsError as error:
    print("StatisticsError:", error, isinstance(error, ValueError))
