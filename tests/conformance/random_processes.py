# Each process has its own random generator: a child does not repeat its parent's numbers
# after the parent's random.seed(...), as CPython reseeds a forked child.
import multiprocessing
import random


def draw(_):
    return random.random()


if __name__ == "__main__":
    random.seed(1)
    with multiprocessing.Pool(2) as pool:
        drawn = pool.map(draw, [1, 2])
    random.seed(1)
    print("the parent's next number is not a child's", random.random() not in drawn)
    print("the children's numbers differ", drawn[0] != drawn[1])
