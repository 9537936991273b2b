# gather(return_exceptions=True) collects failures as values instead of raising the first.
import asyncio

async def parse(text):
    await asyncio.sleep(0)
    return int(text)

async def main():
    inputs = ["10", "x", "30", ""]
    results = await asyncio.gather(*(parse(t) for t in inputs), return_exceptions=True)
    for text, result in zip(inputs, results):
        if isinstance(result, Exception):
            print(f"{text!r:>5} -> {type(result).__name__}: {result}")
        else:
            print(f"{text!r:>5} -> {result}")
    good = [r for r in results if not isinstance(r, BaseException)]
    print("sum of good:", sum(good))
    try:
        await asyncio.gather(parse("1"), parse("bad"))
    except ValueError as err:
        print("without return_exceptions:", err)

asyncio.run(main())
