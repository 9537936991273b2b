# A process pool maps a function over inputs; results come back in order.
import multiprocessing

def cube(n):
    return n ** 3

if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(cube, range(6)))
    print("cores known:", multiprocessing.cpu_count() > 0)
