# CPU work split across threads gives the same answer as one thread.
import threading

def count_primes(start, stop, out, index):
    found = 0
    for n in range(max(start, 2), stop):
        if all(n % d for d in range(2, int(n ** 0.5) + 1)):
            found += 1
    out[index] = found

ranges = [(0, 2500), (2500, 5000)]
out = [0, 0]
threads = [threading.Thread(target=count_primes, args=(a, b, out, i)) for i, (a, b) in enumerate(ranges)]
for t in threads:
    t.start()
for t in threads:
    t.join()
single = [0]
count_primes(0, 5000, single, 0)
print(out, sum(out), single[0])
