# imap gives results in order, imap_unordered as they finish (sorted here), map_async later.
import multiprocessing
import time


def slow_double(n):
    time.sleep(0.01 * (5 - n % 5))
    return n * 2


def label(pair):
    index, word = pair
    return f"{index}:{word.upper()}"


if __name__ == "__main__":
    totals = []
    with multiprocessing.Pool(processes=4) as pool:
        for value in pool.imap(slow_double, range(5)):
            print("in order:", value)
        print("unordered, sorted:", sorted(pool.imap_unordered(slow_double, range(5))))
        print("labels:", list(pool.imap(label, enumerate(["red", "green", "blue"]), chunksize=2)))

        async_result = pool.map_async(slow_double, [10, 20, 30], callback=totals.append)
        print("map_async result:", async_result.get())
        print("ready:", async_result.ready(), "successful:", async_result.successful())
        starred = pool.starmap_async(pow, [(2, 3), (3, 2)])
        print("starmap_async:", starred.get())
    print("callback got:", totals)
