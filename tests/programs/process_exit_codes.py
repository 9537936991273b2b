# Each way a process ends, and the exitcode its parent reads: a return, sys.exit with a number
# or a message, an exception (printed under "Process NAME:"), and terminate() or kill() of one
# that sleeps, which runs none of its finally blocks and ends its threads too.
import multiprocessing
import sys
import threading
import time


def returns():
    return 5


def exits_with(code):
    sys.exit(code)


def raises():
    raise ValueError("no such order")


def sleeps():
    helper = threading.Thread(target=time.sleep, args=(10,))
    helper.start()
    try:
        time.sleep(10)
    finally:
        print("a terminated process runs no finally block")


def counts():
    total = 0
    while True:
        total += 1


if __name__ == "__main__":
    for target, args in [(returns, ()), (exits_with, (3,)), (exits_with, (None,)),
                         (exits_with, ("stopping: the order is empty",)), (raises, ())]:
        process = multiprocessing.Process(target=target, args=args, name=target.__name__)
        process.start()
        process.join()
        print(f"{process.name}{args}: exitcode {process.exitcode}")

    for stop in ["terminate", "kill"]:
        for target in [sleeps, counts]:
            process = multiprocessing.Process(target=target)
            print(f"before start: exitcode {process.exitcode}")
            process.start()
            time.sleep(0.1)
            getattr(process, stop)()
            process.join()
            print(f"{stop}() of {target.__name__}: exitcode {process.exitcode}, alive {process.is_alive()}")
            process.terminate()
            print(f"again: exitcode {process.exitcode}")
    print("done")
