# A producer names its items with os.urandom, which is not random's generator: a seeded random
# draws the same sleeps and counts whatever entropy is read between its draws. randbytes is.
import asyncio
import os
import random


async def produce(queue):
    for _ in range(random.randint(3, 6)):
        await asyncio.sleep(random.randint(0, 2) / 100)
        item = os.urandom(5).hex()
        await queue.put(item)
        print(f"put an item of {len(item)} hex digits, then drew {random.randint(0, 9)}")


async def consume(name, queue, taken):
    while True:
        item = await queue.get()
        await asyncio.sleep(0)
        taken.append(item)
        print(f"consumer {name} took an item")
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    taken = []
    consumers = [asyncio.create_task(consume(n, queue, taken)) for n in range(2)]
    await produce(queue)
    await queue.join()
    for consumer in consumers:
        consumer.cancel()
    print(len(taken), "taken, all different:", len(set(taken)) == len(taken))


random.seed(444)
asyncio.run(main())

random.seed(7)
print(random.randbytes(7).hex(), random.randbytes(0), random.randbytes(1), random.randint(0, 99))
print(type(os.urandom(3)).__name__, len(os.urandom(16)), os.urandom(0), os.urandom(8) != os.urandom(8))
for call, argument in [(os.urandom, -1), (os.urandom, 2.5), (random.randbytes, -1), (random.randbytes, "x")]:
    try:
        call(argument)
    except (TypeError, ValueError) as error:
        print(call.__name__, type(error).__name__, error)
