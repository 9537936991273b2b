# Each worker fills its share of a shared Array; the parent reads it once they are joined.
import multiprocessing


def fill(results, start, stop):
    for index in range(start, stop):
        results[index] = index * index


def scale(values, factor):
    for index in range(len(values)):
        values[index] *= factor


if __name__ == "__main__":
    size = 12
    results = multiprocessing.Array("i", size)
    chunk = size // 3
    workers = [
        multiprocessing.Process(target=fill, args=(results, n * chunk, (n + 1) * chunk))
        for n in range(3)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print("squares:", results[:])
    print("first and last:", results[0], results[-1])
    print("evens:", results[::2])
    print("length:", len(results), "sum:", sum(results))
    prices = multiprocessing.Array("d", [1.5, 2.0, 4.25])
    worker = multiprocessing.Process(target=scale, args=(prices, 2))
    worker.start()
    worker.join()
    print("prices:", list(prices))
    for price in prices:
        print(f"  {price:.2f}")
    try:
        results[size] = 1
    except IndexError as error:
        print("IndexError:", error)
