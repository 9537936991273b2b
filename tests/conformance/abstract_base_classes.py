# Abstract base classes: a worker interface that threads run through.
import threading
import time
from abc import ABC, abstractmethod


class Job(ABC):
    def __init__(self, name):
        self.name = name

    @abstractmethod
    def run(self):
        """Do the work."""

    @property
    @abstractmethod
    def cost(self):
        ...

    def describe(self):
        return f"{self.name} (cost {self.cost})"


class Sleeper(Job):
    def __init__(self, name, seconds):
        super().__init__(name)
        self.seconds = seconds

    def run(self):
        time.sleep(self.seconds)
        return f"{self.name} slept {self.seconds}"


class TimedSleeper(Sleeper):
    @property
    def cost(self):
        return self.seconds * 10


class Builder(ABC):
    @staticmethod
    @abstractmethod
    def make(): ...

    @classmethod
    @abstractmethod
    def kind(cls): ...


for cls, args in ((Job, ("j",)), (Sleeper, ("s", 0.01)), (Builder, ())):
    try:
        cls(*args)
    except TypeError as error:
        print(error)

jobs = [TimedSleeper(f"job{n}", 0.02 * (3 - n)) for n in range(3)]
results = []
lock = threading.Lock()


def run(job):
    result = job.run()
    with lock:
        results.append(result)


threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(sorted(results))
print([job.describe() for job in jobs])
print(isinstance(jobs[0], Job), isinstance(jobs[0], ABC), issubclass(TimedSleeper, Job))


class Plain:
    @abstractmethod
    def ignored(self): ...


print(type(Plain()).__name__, "instantiates: no ABC")
