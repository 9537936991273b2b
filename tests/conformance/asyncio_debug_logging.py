# Logging at DEBUG level beside asyncio: CPython's new event loop says which selector it uses
# (on Linux, epoll), unless the `asyncio` logger is set higher; the program's own records go on.
import asyncio
import logging

logging.basicConfig(level=logging.DEBUG, format="%(levelname)s %(name)s: %(message)s")
log = logging.getLogger("app")


async def fetch(n):
    log.debug("fetching %d", n)
    await asyncio.sleep(0.01)
    return n * 10


async def main():
    results = await asyncio.gather(*(fetch(n) for n in range(3)))
    log.info("results %s", results)


asyncio.run(main())
logging.getLogger("asyncio").setLevel(logging.WARNING)
asyncio.run(main())
