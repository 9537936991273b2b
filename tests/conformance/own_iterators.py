# The program's own iterator classes (__iter__ and __next__, ended by StopIteration) and
# iterables whose __iter__ is a generator, everywhere items are taken: for, list(), unpacking,
# *args, next(), iter(), zip(), in, sum(), and a worker thread reading jobs from one.
import queue
import threading


class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


class Playlist:
    def __init__(self, *songs):
        self.songs = songs

    def __iter__(self):
        for number, song in enumerate(self.songs, 1):
            yield f"{number}. {song}"


class JobFeed:
    """Hands out jobs from a queue until it gets None: its __next__ blocks in get()."""

    def __init__(self, jobs):
        self.jobs = jobs

    def __iter__(self):
        return self

    def __next__(self):
        job = self.jobs.get()
        if job is None:
            raise StopIteration
        return job


for n in Countdown(3):
    print("count", n)
print(list(Countdown(4)), sum(Countdown(10)), max(Countdown(5)), sorted(Countdown(3)))
first, second = Countdown(2)
print(first, second, *Countdown(3))
print(list(Playlist("intro", "theme")), "2. theme" in Playlist("intro", "theme"))
print(dict(zip("abc", Countdown(3))), list(enumerate(Playlist("solo"))))
print([n * n for n in Countdown(4) if n % 2 == 0], 3 in Countdown(5), 9 in Countdown(5))

it = iter(Countdown(2))
print(type(it).__name__, next(it), next(it), next(it, "no more"))
try:
    next(it)
except StopIteration:
    print("StopIteration at the end")


class NotAnIterator:
    def __iter__(self):
        return [1, 2]


try:
    for item in NotAnIterator():
        print(item)
except TypeError as error:
    print("TypeError:", error)


class Broken:
    def __iter__(self):
        return self

    def __next__(self):
        raise ValueError("the source went away")


try:
    print(list(Broken()))
except ValueError as error:
    print("ValueError:", error)

jobs = queue.Queue()
done = []


def worker():
    for job in JobFeed(jobs):
        done.append(job.upper())
    print("worker: feed ended after", len(done), "jobs")


thread = threading.Thread(target=worker)
thread.start()
for job in ["wash", "dry", "fold"]:
    jobs.put(job)
jobs.put(None)
thread.join()
print(done)
