# logging.handlers: QueueHandler puts each record in a queue, a QueueListener's thread hands
# them to its handlers (each handler's level ignored unless respect_handler_level=True), and
# the logging cookbook's listener process hands records from a multiprocessing.Queue to
# logger.handle(record).
import logging
import logging.handlers
import multiprocessing
import queue
import sys
import threading

records = queue.Queue()
console = logging.StreamHandler(sys.stdout)
console.setFormatter(logging.Formatter("%(threadName)s %(levelname)s %(name)s: %(message)s"))
picky = logging.StreamHandler(sys.stdout)
picky.setLevel(logging.WARNING)
picky.setFormatter(logging.Formatter("picky saw %(levelname)s %(message)s"))
listener = logging.handlers.QueueListener(records, console, picky)
log = logging.getLogger("threads")
log.setLevel(logging.DEBUG)
log.addHandler(logging.handlers.QueueHandler(records))
log.propagate = False
listener.start()


def work(n):
    log.info("work %d", n)


workers = [threading.Thread(target=work, args=(i,), name=f"W{i}") for i in range(3)]
for worker in workers:
    worker.start()
    worker.join()
log.debug("debug too")
listener.stop()
print(records.qsize(), listener.handlers[1] is picky, listener.respect_handler_level)

# Only the handlers whose level the record reaches, with respect_handler_level.
joinable = multiprocessing.JoinableQueue()
respectful = logging.handlers.QueueListener(joinable, console, picky, respect_handler_level=True)
other = logging.getLogger("respectful")
other.addHandler(logging.handlers.QueueHandler(joinable))
other.propagate = False
respectful.start()
other.warning("a warning")
other.error("an error")
respectful.stop()
joinable.join()
print("joined")

# A QueueHandler's own formatter makes the message the listener's handlers get.
formatted = queue.Queue()
handler = logging.handlers.QueueHandler(formatted)
handler.setFormatter(logging.Formatter("[%(levelname)s] %(message)s"))
shouting = logging.getLogger("shouting")
shouting.addHandler(handler)
shouting.propagate = False
shouting.warning("hello %s", "you")
record = formatted.get()
print(record.name, record.levelname, record.levelno, record.msg, record.args)
print(record.getMessage(), record.exc_info, record.lineno, record.funcName, record.threadName)
print(type(handler).__name__, handler.queue is formatted)


def listener_process(queue):
    root = logging.getLogger()
    to_stdout = logging.StreamHandler(sys.stdout)
    to_stdout.setFormatter(logging.Formatter("%(processName)s %(name)s %(levelname)-8s %(message)s"))
    root.addHandler(to_stdout)
    while True:
        record = queue.get()
        if record is None:
            break
        logging.getLogger(record.name).handle(record)


def worker_process(queue, n):
    root = logging.getLogger()
    root.addHandler(logging.handlers.QueueHandler(queue))
    root.setLevel(logging.DEBUG)
    logging.getLogger("a.b").log(logging.DEBUG, "from worker %d", n)
    logging.getLogger("a.b.c").critical("critical in %d", n)


if __name__ == "__main__":
    shared = multiprocessing.Queue(-1)
    listening = multiprocessing.Process(target=listener_process, args=(shared,))
    listening.start()
    for i in range(2):
        process = multiprocessing.Process(target=worker_process, args=(shared, i))
        process.start()
        process.join()
    shared.put_nowait(None)
    listening.join()
    print("done", listening.exitcode)
