# asyncio.Runner (3.11): one loop for several runs in a row; the loop, its tasks and their
# results stay between runs, and the runner refuses what it cannot do.
import asyncio
import threading


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f"{name} after {delay}"


async def first():
    loop = asyncio.get_running_loop()
    print("first run in", threading.current_thread().name)
    results = await asyncio.gather(fetch("a", 0.05), fetch("b", 0.01))
    return loop, results


async def second(background):
    print("second run; background done:", background.done())
    return await background


async def start_background():
    return asyncio.get_running_loop().create_task(fetch("background", 0.05))


with asyncio.Runner() as runner:
    loop = runner.get_loop()
    print(type(runner).__name__, loop.is_closed(), loop.is_running())
    same, results = runner.run(first())
    print("same loop:", same is loop, results)
    background = runner.run(start_background())
    print(runner.run(second(background)))
    print(runner.run(fetch("last", 0)), runner.get_loop() is loop)
print("closed:", loop.is_closed())

try:
    runner.get_loop()
except RuntimeError as error:
    print("RuntimeError:", error)

runner = asyncio.Runner()
try:
    runner.run(42)
except ValueError as error:
    print("ValueError:", error)


async def nested():
    inner = fetch("inner", 0)
    try:
        runner.run(inner)
    except RuntimeError as error:
        print("RuntimeError:", error)
    return await inner


print(runner.run(nested()))
runner.close()
runner.close()
print("closed twice without complaint")
