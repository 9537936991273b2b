# The spawn start method: a spawned child runs the program's module again, as __mp_main__
# (what the main guard keeps out runs in the parent only), starts with its own globals, and
# must be sent what pickles; fork, through its context, copies the parent as it is. A process
# pool pickles its work whatever the method (one worker here: two spawned at once print their
# module's line at the same time, and CPython's two prints of one line may interleave).
import multiprocessing as mp
import threading

print("the module runs as", __name__)
SETTING = "as the module sets it"


def show(label):
    print(label, "child sees the setting", SETTING, "in", mp.current_process().name)


def square(number):
    return number * number


def main():
    global SETTING
    mp.set_start_method("spawn")
    print("method:", mp.get_start_method())
    SETTING = "as main changed it"
    spawned = mp.Process(target=show, args=("a spawned",))
    spawned.start()
    spawned.join()
    print("exit code:", spawned.exitcode)
    forked = mp.get_context("fork").Process(target=show, args=("a forked",))
    forked.start()
    forked.join()
    for target, args in [(lambda: None, ()), (show, (threading.Lock(),))]:
        try:
            mp.Process(target=target, args=args).start()
        except (AttributeError, TypeError) as error:
            print(type(error).__name__ + ":", error)
    with mp.Pool(1) as pool:
        print(pool.map(square, range(4)))
        try:
            pool.map(lambda number: -number, range(4))
        except AttributeError as error:
            print("a pool's lambda:", error)
    try:
        mp.set_start_method("fork")
    except RuntimeError as error:
        print(error)
    context = mp.get_context()
    print(type(context).__name__, context.get_start_method(), mp.get_all_start_methods())


if __name__ == "__main__":
    main()
