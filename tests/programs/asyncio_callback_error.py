# An exception leaving a callback of the loop's is logged, and the loop goes on.
import asyncio


def check(value):
    if value < 0:
        raise ValueError(f"negative: {value}")
    print("checked", value)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(check, 1)
    loop.call_soon(check, -2)
    loop.call_later(0.01, check, 3)
    await asyncio.sleep(0.02)
    print("the loop went on")


asyncio.run(main())
