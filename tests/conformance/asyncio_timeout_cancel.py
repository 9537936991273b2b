# wait_for gives up on a slow coroutine; a cancelled task sees CancelledError.
import asyncio

async def slow():
    try:
        await asyncio.sleep(1)
        return "finished"
    except asyncio.CancelledError:
        print("slow was cancelled")
        raise

async def main():
    try:
        await asyncio.wait_for(slow(), timeout=0.02)
    except asyncio.TimeoutError:
        print("timed out")
    task = asyncio.create_task(slow())
    await asyncio.sleep(0.01)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("task cancelled:", task.cancelled())

asyncio.run(main())
