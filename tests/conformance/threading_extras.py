# What survey programs met next: a Timer made with keywords and a repeating Timer subclass,
# an excepthook's arguments unpacked, the builtin exception classes a program raises itself,
# raw shared numbers, a manager's process number, what a manager's proxy cannot send, a
# starmap whose items are not tuples, asyncio's debug flag and wait's refusal of coroutines,
# and the message for an argument given twice.
import asyncio
import multiprocessing
import threading
import time


fired = []
timer = threading.Timer(0.01, function=fired.append, args=("fired",))
timer.start()
timer.join()
print(fired)


class RepeatTimer(threading.Timer):
    def run(self):
        while not self.finished.wait(self.interval):
            self.function(*self.args, **self.kwargs)


ticks = []
repeating = RepeatTimer(0.02, ticks.append, args=("tick",))
print(repeating.interval, repeating.args, repeating.kwargs, repeating.finished.is_set())
repeating.start()
while len(ticks) < 3:
    time.sleep(0.01)
repeating.cancel()
repeating.join()
print("ticks:", len(ticks) >= 3, repeating.finished.is_set(), isinstance(repeating, threading.Thread))


def hook(args):
    kind, value, traceback, thread = args
    print("hook:", kind.__name__, value, thread.name, repr(args).split("(exc_type")[0], len(args))


threading.excepthook = hook
failing = threading.Thread(target=lambda: {}["missing"], name="failing")
failing.start()
failing.join()
threading.excepthook = threading.__excepthook__

for kind in (TabError, IndentationError, SyntaxError, IOError, EnvironmentError, BlockingIOError,
             ProcessLookupError, FloatingPointError, UserWarning, DeprecationWarning, RuntimeWarning):
    try:
        raise kind("raised by the program")
    except Exception as error:
        print(type(error).__name__, isinstance(error, OSError), isinstance(error, Warning), error)
print(issubclass(TabError, SyntaxError), IOError is OSError, issubclass(UserWarning, Exception))


def describe(a, b=1, c=2):
    return a, b, c


try:
    describe(*"abcd", c=3)
except TypeError as error:
    print(error)


def square(number):
    return number * number


def name_of_process(_):
    return multiprocessing.current_process().name


async def work():
    return "worked"


async def main():
    print("debug:", asyncio.get_running_loop().get_debug())
    pending = work()
    try:
        await asyncio.wait([pending])
    except TypeError as error:
        print(error)
    print(await pending)


if __name__ == "__main__":
    raw = multiprocessing.RawValue("i", 7)
    numbers = multiprocessing.RawArray("d", 3)
    print(raw.value, numbers[:])
    manager = multiprocessing.Manager()
    print(multiprocessing.Process(target=print).name)
    shared = manager.list()
    try:
        shared.append(lambda: None)
    except Exception as error:
        print("the proxy refused:", type(error).__name__, str(error).split(" at 0x")[0])
    with multiprocessing.Pool(2) as pool:
        names = sorted(set(pool.map(name_of_process, range(8), chunksize=1)))
        print(names[0].startswith("ForkPoolWorker"), len(names) <= 2)
        result = pool.starmap_async(square, [1, 2, 3])
        result.wait()
        print("successful:", result.successful())
        try:
            result.get()
        except TypeError as error:
            print("get:", error)
    manager.shutdown()
    asyncio.run(main(), debug=True)
