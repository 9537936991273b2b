# Processes write their results to files; the parent reads them after join.
import logging
import multiprocessing
import os


def square_to_file(n):
    with open(f"square_{n}.txt", "w") as out:
        out.write(f"{n} squared is {n * n}\n")


if __name__ == "__main__":
    workers = [multiprocessing.Process(target=square_to_file, args=(n,)) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    for name in sorted(os.listdir(".")):
        if name.startswith("square_"):
            with open(name) as result:
                print(name, "->", result.read().strip())
    logging.basicConfig(filename="app.log", level=logging.INFO, format="%(levelname)s:%(message)s")
    logging.info("all %d squares written", len(workers))
    logging.warning("done")
    with open("app.log") as log:
        print(log.read(), end="")
