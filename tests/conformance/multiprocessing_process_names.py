# current_process() names the process a function runs in; each child reports through a queue.
import multiprocessing


def report(results, label):
    me = multiprocessing.current_process()
    results.put((label, me.name))


class Greeter(multiprocessing.Process):
    def __init__(self, results):
        super().__init__()
        self.results = results

    def run(self):
        self.results.put(("greeter", multiprocessing.current_process().name))


if __name__ == "__main__":
    print(multiprocessing.current_process())
    print("main is", multiprocessing.current_process().name)
    results = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=report, args=(results, f"job{n}")) for n in range(3)]
    named = multiprocessing.Process(target=report, args=(results, "named"), name="Loader")
    workers.append(named)
    print([worker.name for worker in workers])
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(sorted(results.get() for _ in workers))
    greeter = Greeter(results)
    greeter.start()
    greeter.join()
    print(results.get())
    print("children left:", multiprocessing.active_children())
    print("alive:", any(worker.is_alive() for worker in workers))
