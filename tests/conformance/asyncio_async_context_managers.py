# An async context manager made from an async generator: a connection pool's checkout.
import asyncio
from contextlib import asynccontextmanager

log = []


@asynccontextmanager
async def connection(name):
    await asyncio.sleep(0.01)
    log.append(f"open {name}")
    try:
        yield f"conn-{name}"
    finally:
        await asyncio.sleep(0.01)
        log.append(f"close {name}")


@asynccontextmanager
async def swallowing(name):
    try:
        yield name
    except ValueError as error:
        log.append(f"{name} swallowed {error}")


@asynccontextmanager
async def translating():
    try:
        yield
    except KeyError as error:
        raise RuntimeError(f"missing {error}") from error


async def query(name, delay):
    async with connection(name) as conn:
        await asyncio.sleep(delay)
        return f"{conn} answered after {delay}"


async def main():
    results = await asyncio.gather(query("a", 0.2), query("b", 0.05), query("c", 0.12))
    print(results)
    print(log)
    log.clear()
    async with swallowing("guard") as name:
        raise ValueError(f"bad input in {name}")
    print("after the swallowed error:", log)
    try:
        async with translating():
            {}["key"]
    except RuntimeError as error:
        print("RuntimeError:", error, "| cause:", repr(error.__cause__))
    try:
        async with connection("d"):
            raise TimeoutError("too slow")
    except TimeoutError as error:
        print("TimeoutError:", error, log[-2:])


asyncio.run(main())
