# A threading.local subclass: each thread that first touches the object runs __init__ again
# with the constructor's arguments, and sees only the attributes it set itself.
import threading


class Settings(threading.local):
    def __init__(self, level, **extra):
        super().__init__()
        self.level = level
        self.seen = []
        self.extra = extra
        print(f"init for {threading.current_thread().name}: level={level} extra={extra}")

    def remember(self, item):
        self.seen.append(item)
        return len(self.seen)


settings = Settings(3, colour="blue")
settings.remember("main")


def worker(count):
    for n in range(count):
        settings.remember(n)
    settings.level += count
    print(threading.current_thread().name, settings.level, settings.seen, settings.extra)


for count in (1, 2, 3):
    thread = threading.Thread(target=worker, args=(count,), name=f"worker-{count}")
    thread.start()
    thread.join()

print("main sees", settings.level, settings.seen)
print(isinstance(settings, threading.local), issubclass(Settings, threading.local))
del settings.level
print(hasattr(settings, "level"), vars(settings))


class Plain(threading.local):
    pass


plain = Plain()
plain.value = 1


def look():
    print("other thread has value:", hasattr(plain, "value"))
    plain.value = 2


thread = threading.Thread(target=look)
thread.start()
thread.join()
print("main keeps", plain.value)
try:
    Plain(1)
except TypeError as error:
    print("TypeError:", error)
