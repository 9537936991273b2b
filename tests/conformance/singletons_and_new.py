# A thread-safe singleton through __new__, and the other ways a class's own __new__ is used.
import threading


class Config:
    _instance = None
    _lock = threading.Lock()

    def __new__(cls, *args, **kwargs):
        if cls._instance is None:
            with cls._lock:
                if cls._instance is None:
                    print("creating", cls.__name__)
                    cls._instance = super().__new__(cls)
        return cls._instance

    def __init__(self, source="defaults"):
        # Threads print nothing here: python3's print of a line can be cut by another thread.
        with Config._lock:
            self.sources = getattr(self, "sources", []) + [source]


made = []


def load(source):
    made.append(Config(source))


threads = [threading.Thread(target=load, args=(f"file{i}",)) for i in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(all(config is made[0] for config in made), isinstance(made[0], Config))
print(sorted(made[0].sources))


class Shouting:
    def __new__(cls, text):
        made = super().__new__(cls)
        made.text = text.upper()
        return made


print(Shouting("quiet").text)


class NotAnInstance:
    def __new__(cls):
        return 42

    def __init__(self):
        print("never runs: 42 is not a NotAnInstance")


print(NotAnInstance())


class Tracked:
    def __new__(cls, *args):
        print("new", cls.__name__, args)
        return super().__new__(cls)


class Worker(Tracked):
    def __init__(self, name):
        self.name = name


worker = Worker("w1")
print(worker.name, type(worker).__name__)


class Pool:
    created = 0

    @classmethod
    def make(cls):
        cls.created += 1
        return cls()


class BigPool(Pool):
    @classmethod
    def make(cls):
        made = super().make()
        print("made", type(made).__name__, cls.created)
        return made


BigPool.make()
print(isinstance(1, object), isinstance(None, object), isinstance(worker, object))
print(issubclass(BigPool, object), issubclass(int, object), isinstance(BigPool, object))
