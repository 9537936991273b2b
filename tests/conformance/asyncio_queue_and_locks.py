# A kitchen: cooks take orders from an asyncio.Queue; a Lock guards the pass, an Event opens
# the kitchen, a bounded Queue makes the waiter wait.
import asyncio

# Dishes one cook serves after another's are at least 50 ms apart, and the stew (one cook's
# single dish) is 250 ms after the other cook's fourth: each of cook0's four sleeps can start
# late on a busy machine, and with 50 ms there python3 itself served the stew first once.
COOKING = {"soup": 0.10, "pie": 0.05, "stew": 0.50, "tea": 0.05, "rice": 0.10, "fish": 0.05}

async def cook(name, orders, counter, lock, opened):
    await opened.wait()
    print(f"{name} ready")
    while True:
        dish = await orders.get()
        await asyncio.sleep(COOKING[dish])
        async with lock:
            counter["served"] += 1
            print(f"{name} served {dish} ({counter['served']})")
        orders.task_done()


async def waiter(orders, dishes):
    for dish in dishes:
        await orders.put(dish)
        print(f"ordered {dish}, queue {orders.qsize()}/{orders.maxsize} full={orders.full()}")


async def main():
    orders = asyncio.Queue(maxsize=2)
    lock = asyncio.Lock()
    opened = asyncio.Event()
    counter = {"served": 0}
    cooks = [asyncio.create_task(cook(f"cook{n}", orders, counter, lock, opened)) for n in range(2)]
    taking = asyncio.create_task(waiter(orders, ["soup", "pie", "stew", "tea", "rice", "fish"]))
    await asyncio.sleep(0.005)
    print("opening", opened.is_set())
    opened.set()
    await taking
    await orders.join()
    print("all served:", counter["served"], orders.empty())
    for task in cooks:
        task.cancel()
    outcome = await asyncio.gather(*cooks, return_exceptions=True)
    print([type(result).__name__ for result in outcome])

    spare = asyncio.Queue()
    try:
        spare.get_nowait()
    except asyncio.QueueEmpty:
        print("empty queue")
    tiny = asyncio.Queue(1)
    tiny.put_nowait("a")
    try:
        tiny.put_nowait("b")
    except asyncio.QueueFull:
        print("full queue")
    print(tiny.get_nowait(), tiny.qsize())
    try:
        tiny.task_done()
        tiny.task_done()
    except ValueError as error:
        print(error)

    turns = []

    async def take_turns(n):
        for round_number in range(2):
            async with lock:
                turns.append(n)
                await asyncio.sleep(0)
    await asyncio.gather(*(take_turns(n) for n in range(3)))
    print("turns", turns)


asyncio.run(main())
