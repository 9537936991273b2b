# Coroutines and tasks let go of wrongly: CPython warns about a coroutine that was never
# awaited, and logs a task whose exception nothing retrieved, or that is still pending, as it
# frees them.
import asyncio


async def work(n):
    print("working", n)
    return n


async def bug(n):
    raise ValueError(f"bug {n}")


class Fetcher:
    async def fetch(self):
        return "page"


async def main():
    work(1)  # meant: await work(1)
    Fetcher().fetch()  # named by its qualified name
    for n in range(3):
        work(2)  # warned once: the same line
    asyncio.sleep(0.1)
    print(await work(3))
    # Nothing holds the task: logged as soon as it fails.
    asyncio.create_task(bug(1))
    await asyncio.sleep(0.01)
    print("after the first bug")
    # Retrieved: never logged.
    kept = asyncio.create_task(bug(2))
    await asyncio.sleep(0.01)
    print("retrieved:", repr(kept.exception()))
    results = await asyncio.gather(bug(3), work(4), return_exceptions=True)
    print("gathered:", results)
    # asyncio.wait leaves the exception in the task: logged once main lets go of it.
    done, _ = await asyncio.wait([asyncio.create_task(bug(5))])
    print("waited for", len(done), "task")
    try:
        await asyncio.current_task()
    except RuntimeError as error:
        print(type(error).__name__, str(error).split(":")[0])
    print("main ends")


asyncio.run(main())
print("after the run")

async def nap():
    await asyncio.sleep(1)


# A loop closed with a task still pending: the task is logged as it is destroyed, at the exit.
late_loop = asyncio.new_event_loop()
quick = late_loop.create_task(asyncio.sleep(0.01))
slow = late_loop.create_task(nap())
late_loop.run_until_complete(quick)
late_loop.close()
print("the late loop is closed")
