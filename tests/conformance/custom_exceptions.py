# Exceptions of the program's own, with a hierarchy, raised from threads and caught.
import threading

class TaskError(Exception):
    pass

class Timeout(TaskError):
    def __init__(self, task, seconds):
        super().__init__(f"{task} took more than {seconds}s")
        self.task = task

errors = []

def task(name, fail):
    try:
        if fail:
            raise Timeout(name, 5)
        print(f"{name} ok")
    except TaskError as error:
        errors.append((type(error).__name__, str(error), error.task))

threads = [threading.Thread(target=task, args=(f"t{n}", n % 2 == 1)) for n in range(4)]
for t in threads:
    t.start()
    t.join()
print(errors)
try:
    try:
        raise ValueError("inner")
    except ValueError as error:
        raise TaskError("outer") from error
except TaskError as error:
    print(error, "caused by", repr(error.__cause__))
print(issubclass(Timeout, Exception), isinstance(Timeout("x", 1), TaskError))
