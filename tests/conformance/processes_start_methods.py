# The start-method boilerplate of multiprocessing tutorials: freeze_support, set_start_method,
# get_context, and processes made from a context.
import multiprocessing


def square(n, results):
    results.put((n, n * n))


if __name__ == "__main__":
    multiprocessing.freeze_support()
    multiprocessing.set_start_method("fork")
    print(multiprocessing.get_start_method())
    print(multiprocessing.get_all_start_methods())
    try:
        multiprocessing.set_start_method("teleport", force=True)
    except ValueError as error:
        print("ValueError:", error)
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    workers = [ctx.Process(target=square, args=(n, results)) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(sorted(results.get() for _ in workers))
    with ctx.Pool(2) as pool:
        print(pool.map(abs, [-3, -2, 5]))
