# The loop hands blocking calls to a pool of threads, which start as CPython starts them.
# Imports as older tutorials and books write them.
from __future__ import print_function, annotations
import asyncio
import logging
import time
from asyncio.queues import PriorityQueue
from concurrent.futures.thread import ThreadPoolExecutor

logging.basicConfig(level=logging.INFO, format="%(threadName)22s: %(message)s")


def resize(image: Image) -> int:  # noqa: F821 (annotations are not evaluated)
    logging.info("resizing image %d", image)
    time.sleep(0.1 if image % 2 == 0 else 0.15)
    logging.info("resized image %d", image)
    return image * 10


async def main():
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="resizer") as pool:
        jobs = [loop.run_in_executor(pool, resize, image) for image in range(3)]
        # Whether the loop's next line comes before a new worker's first line is a race in
        # CPython (a busy machine's python3 printed it in either order): after a moment, it
        # is always after both.
        await asyncio.sleep(0.02)
        logging.info("waiting for %d jobs", len(jobs))
        done, pending = await asyncio.wait(jobs)
        logging.info("results %s, %d pending", sorted(job.result() for job in done), len(pending))
    backlog = PriorityQueue()
    for priority, name in [(3, "low"), (1, "high"), (2, "medium")]:
        await backlog.put((priority, name))
    while not backlog.empty():
        logging.info("next: %s", (await backlog.get())[1])


asyncio.run(main())
