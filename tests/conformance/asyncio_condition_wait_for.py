# asyncio.Condition.wait_for: the predicate runs at once and after each notify, on the waiting
# task, and what it last gave is the await's value; an error it raises reaches the await.
import asyncio


class Stock:
    def __init__(self):
        self.items = []
        self.condition = asyncio.Condition()
        self.checks = 0

    def enough(self, count):
        def check():
            self.checks += 1
            print(f"  check for {count}: {len(self.items)} in stock")
            return len(self.items) >= count and list(self.items[:count])
        return check

    async def take(self, name, count):
        async with self.condition:
            print(f"{name} waits for {count}")
            taken = await self.condition.wait_for(self.enough(count))
            del self.items[:count]
            print(f"{name} took {taken}")

    async def add(self, *items):
        async with self.condition:
            self.items.extend(items)
            print(f"added {items}")
            self.condition.notify_all()


def broken():
    raise LookupError("the predicate failed")


async def main():
    stock = Stock()
    takers = [asyncio.create_task(stock.take(name, count)) for name, count in [("a", 2), ("b", 1)]]
    await asyncio.sleep(0.01)
    for item in ["x", "y", "z"]:
        await stock.add(item)
        await asyncio.sleep(0.01)
    await asyncio.gather(*takers)
    print("checks:", stock.checks, "left:", stock.items)

    async with stock.condition:
        print("at once:", await stock.condition.wait_for(lambda: "ready"))
        try:
            await stock.condition.wait_for(broken)
        except LookupError as error:
            print("raised:", error, "| lock held:", stock.condition.locked())

    waiter = asyncio.create_task(stock.take("c", 5))
    await asyncio.sleep(0.01)
    waiter.cancel()
    try:
        await waiter
    except asyncio.CancelledError:
        print("cancelled while waiting; lock held:", stock.condition.locked())


asyncio.run(main())
