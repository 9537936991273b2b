# The program's own hooks for uncaught exceptions: threading.excepthook for a thread's, and
# sys.excepthook for the main thread's, which hands it on to sys.__excepthook__ to print.
import sys
import threading

print(sys.excepthook is sys.__excepthook__)


def thread_hook(args):
    print("thread hook:", args.exc_type.__name__, args.exc_value, "in", args.thread.name)
    threading.__excepthook__(args)


def main_hook(kind, value, traceback):
    print("main hook:", kind.__name__, value, traceback is not None)
    sys.__excepthook__(kind, value, traceback)


threading.excepthook = thread_hook
sys.excepthook = main_hook
print(sys.excepthook is main_hook)


def divide(numerator, denominator):
    return numerator / denominator


worker = threading.Thread(target=divide, args=(1, 0), name="divider")
worker.start()
worker.join()


def load(settings):
    return settings["path"]


load({})
