# Workers add to a shared Value: with get_lock() no increment is lost; plain memory is not shared.
import multiprocessing

hits = 0


def add(counter, times):
    global hits
    for _ in range(times):
        with counter.get_lock():
            counter.value += 1
        hits += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    print(counter)
    workers = [multiprocessing.Process(target=add, args=(counter, 200)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print("shared counter:", counter.value)
    print("global in the parent:", hits)
    average = multiprocessing.Value("d", 0.0)
    average.value = counter.value / len(workers)
    print("per worker:", average.value)
    small = multiprocessing.Value("b", 127)
    small.value += 1
    print("a byte wraps:", small.value)
    try:
        counter.value = 2.5
    except TypeError as error:
        print("TypeError:", error)
