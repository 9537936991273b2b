# asyncio.as_completed yields results as soon as each coroutine finishes.
import asyncio

async def brew(drink, minutes):
    await asyncio.sleep(minutes / 20)
    return f"{drink} ({minutes} min)"

async def main():
    orders = {"tea": 3, "espresso": 1, "latte": 2}
    finished = []
    for next_done in asyncio.as_completed([brew(d, m) for d, m in orders.items()]):
        finished.append(await next_done)
    for position, drink in enumerate(finished, start=1):
        print(position, drink)
    loop = asyncio.get_running_loop()
    print("loop time is a float:", isinstance(loop.time(), float))

asyncio.run(main())
print("loop closed, program done")
