# A pool of processes computes squares, sums and word lengths with map and starmap.
import multiprocessing


def square(n):
    return n * n


def power(base, exponent):
    return base ** exponent


def describe(word, repeat):
    return f"{word * repeat} ({len(word) * repeat} letters)"


if __name__ == "__main__":
    numbers = list(range(1, 9))
    with multiprocessing.Pool(processes=3) as pool:
        squares = pool.map(square, numbers)
        print("squares:", squares)
        print("sum of squares:", sum(squares))
        print("powers:", pool.starmap(power, [(2, 5), (3, 3), (10, 2), (7, 0)]))
        for line in pool.starmap(describe, zip(["ab", "xyz", "q"], [3, 1, 4])):
            print(line)
        print("chunked:", pool.map(square, range(20), chunksize=4)[-3:])
        print("empty:", pool.map(square, []))
    print("done")
