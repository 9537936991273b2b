# A Barrier runs an action once per generation; abort breaks it for everyone waiting.
import threading

log = []
barrier = threading.Barrier(3, action=lambda: log.append("all three arrived"))

def runner(name, results):
    index = barrier.wait()
    results.append((name, index in (0, 1, 2)))

results = []
threads = [threading.Thread(target=runner, args=(n, results)) for n in ("a", "b", "c")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(log)
print(sorted(results))
print("parties:", barrier.parties, "waiting:", barrier.n_waiting, "broken:", barrier.broken)

broken = threading.Barrier(2)
errors = []

def lonely():
    try:
        broken.wait()
    except threading.BrokenBarrierError:
        errors.append("BrokenBarrierError")

t = threading.Thread(target=lonely)
t.start()
while broken.n_waiting == 0:
    pass
broken.abort()
t.join()
print(errors, "broken:", broken.broken)
try:
    broken.wait()
except threading.BrokenBarrierError as err:
    print("wait on a broken barrier:", type(err).__name__)
broken.reset()
print("after reset broken:", broken.broken)

timed = threading.Barrier(2, timeout=0.02)
try:
    timed.wait()
except threading.BrokenBarrierError:
    print("timed out alone; broken:", timed.broken)
