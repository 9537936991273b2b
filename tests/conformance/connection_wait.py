# multiprocessing.connection.wait: the parent waits on several children's pipes at once and
# reads each message as it comes, then each end of file, as the docs' example does.
import time
from multiprocessing import Pipe, Process
from multiprocessing.connection import wait


def report(connection, delay, label):
    time.sleep(delay)
    connection.send(label)
    connection.close()


if __name__ == "__main__":
    readers = []
    workers = []
    for delay, label in [(0.3, "slow"), (0.1, "fast"), (0.2, "middle")]:
        reader, writer = Pipe(duplex=False)
        worker = Process(target=report, args=(writer, delay, label))
        worker.start()
        writer.close()
        readers.append(reader)
        workers.append(worker)
    print("ready at once:", wait(readers, timeout=0))
    received = []
    ended = 0
    while readers:
        for reader in wait(readers):
            try:
                received.append(reader.recv())
            except EOFError:
                readers.remove(reader)
                ended += 1
    print("received:", received, "ended:", ended)
    for worker in workers:
        worker.join()

    left, right = Pipe()
    started = time.perf_counter()
    print("nothing within 0.05 s:", wait([left], timeout=0.05), time.perf_counter() - started >= 0.05)
    right.send({"answer": 42})
    ready = wait([left, right], 1)
    print("ready:", [connection is left for connection in ready], left.recv())
