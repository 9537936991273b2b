import asyncio

async def double(n):
    await asyncio.sleep(0.05)
    return n * 2

async def main():
    print(await double(1) + await double(2))
    values = [await double(n) for n in range(3)]
    print(values, max(await asyncio.gather(double(5), double(4))))
    task = asyncio.create_task(double(10))
    print(f"task gave {await task}")

asyncio.run(main())
