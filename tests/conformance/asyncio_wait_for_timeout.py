# asyncio.wait_for and asyncio.timeout cancel work that takes too long.
import asyncio

async def slow_lookup(key, delay):
    try:
        await asyncio.sleep(delay)
        return key.upper()
    except asyncio.CancelledError:
        print("lookup", key, "cancelled")
        raise

async def main():
    print(await asyncio.wait_for(slow_lookup("fast", 0.01), timeout=1))
    try:
        await asyncio.wait_for(slow_lookup("slow", 1), timeout=0.02)
    except asyncio.TimeoutError:
        print("wait_for timed out")
    try:
        async with asyncio.timeout(0.02):
            await slow_lookup("inner", 1)
    except TimeoutError:
        print("timeout block expired")
    async with asyncio.timeout(None):
        print(await slow_lookup("unbounded", 0))
    print("TimeoutError is asyncio.TimeoutError:", TimeoutError is asyncio.TimeoutError)

asyncio.run(main())
