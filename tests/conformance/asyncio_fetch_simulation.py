# Simulated downloads with asyncio: gather keeps the order of its arguments.
import asyncio

async def fetch(name, delay):
    print(f"start {name}")
    await asyncio.sleep(delay)
    print(f"done {name}")
    return f"{name}:{len(name)}"

async def main():
    results = await asyncio.gather(fetch("alpha", 0.15), fetch("be", 0.05), fetch("gam", 0.1))
    print(results)
    task = asyncio.create_task(fetch("late", 0.01))
    print("created", task.get_name().startswith("Task-"))
    print(await task)

asyncio.run(main())
