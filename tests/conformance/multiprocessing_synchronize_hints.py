# Type hints that name multiprocessing's primitives from multiprocessing.synchronize, as
# Fluent Python's spinner does: a hint is evaluated when its function is defined.
import time
from multiprocessing import Event, Lock, Process, synchronize


def wait_for(done: synchronize.Event, lock: synchronize.Lock, label: str) -> None:
    done.wait()
    with lock:
        print(label, "saw the event")


if __name__ == "__main__":
    done = Event()
    lock = Lock()
    child = Process(target=wait_for, args=(done, lock, "child"))
    child.start()
    time.sleep(0.1)
    print("setting the event")
    done.set()
    child.join()
    wait_for(done, lock, "parent")
    print(sorted(name for name in ("Barrier", "BoundedSemaphore", "Condition", "Event", "Lock", "RLock", "Semaphore") if hasattr(synchronize, name)))
