# Decorators that wrap a method, as tutorials use them on classes: @contextmanager and
# @asynccontextmanager methods (a pub/sub exchange, a connection pool), @lru_cache and @cache
# methods; each takes the instance as `self`, as the method would.
import asyncio
import functools
import threading
from contextlib import asynccontextmanager, contextmanager


class Exchange:
    def __init__(self):
        self.subscribers = []
        self.lock = threading.Lock()

    @contextmanager
    def subscribe(self, *names):
        with self.lock:
            self.subscribers.extend(names)
        try:
            yield len(self.subscribers)
        finally:
            for name in names:
                self.subscribers.remove(name)

    def send(self, message):
        for name in self.subscribers:
            print(f"{name} got {message!r}")


exchange = Exchange()
with exchange.subscribe("A", "B") as count:
    print("subscribers:", count)
    exchange.send("msg1")
with exchange.subscribe("C"):
    exchange.send("msg2")
print("left:", exchange.subscribers)


class Squares:
    def __init__(self, offset):
        self.offset = offset
        self.computed = 0

    @functools.lru_cache(maxsize=None)
    def square(self, n):
        self.computed += 1
        return n * n + self.offset

    @functools.cache
    def cube(self, n):
        self.computed += 1
        return n**3

    def __repr__(self):
        return f"Squares({self.offset})"


one, two = Squares(0), Squares(100)
print([one.square(n) for n in (2, 3, 2, 3)], one.computed)
print([two.square(n) for n in (2, 2)], two.computed)
print(one.cube(2), one.cube(2), one.computed)
print(Squares.square(one, 4), one.computed)


class Pool:
    def __init__(self):
        self.free = ["conn-1", "conn-2"]

    @asynccontextmanager
    async def connection(self, who):
        conn = self.free.pop(0)
        print(f"{who} takes {conn}")
        try:
            yield conn
        finally:
            self.free.append(conn)
            print(f"{who} gives back {conn}")


async def query(pool, who, seconds):
    async with pool.connection(who) as conn:
        await asyncio.sleep(seconds)
        return f"{who} used {conn}"


async def main():
    pool = Pool()
    print(await asyncio.gather(query(pool, "q1", 0.02), query(pool, "q2", 0.01)))
    print("free:", pool.free)


asyncio.run(main())
