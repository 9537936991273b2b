# Small helpers from the standard library that tutorials reach for: contextlib.closing,
# asyncio.isfuture, string.capwords and dataclasses.replace.
import asyncio
import contextlib
import dataclasses
import string


class Connection:
    def __init__(self, name):
        self.name = name

    def close(self):
        print("closing", self.name)
        return "ignored"


with contextlib.closing(Connection("db")) as connection:
    print("using", connection.name)
try:
    with contextlib.closing(Connection("cache")):
        raise ValueError("lost")
except ValueError as error:
    print("ValueError:", error)


async def main():
    task = asyncio.create_task(asyncio.sleep(0))
    future = asyncio.get_running_loop().create_future()
    coroutine = asyncio.sleep(0)
    print(asyncio.isfuture(task), asyncio.isfuture(future), asyncio.isfuture(coroutine), asyncio.isfuture(5))
    await coroutine
    future.set_result(None)
    await task

asyncio.run(main())
print(string.capwords("hello   wide  world "), string.capwords("a-b-c", "-"), string.capwords("ÉCOLE été"))


@dataclasses.dataclass
class Job:
    name: str
    priority: int = 0
    retries: int = dataclasses.field(default=3, init=False)


job = Job("backup", 2)
job.retries = 1
print(dataclasses.replace(job, priority=9), job)
for attempt in [lambda: dataclasses.replace(job, owner="me"), lambda: dataclasses.replace(5)]:
    try:
        attempt()
    except TypeError as error:
        print("TypeError:", error)
