# Exception groups: except* takes each clause's part of a group, and a TaskGroup whose tasks
# fail raises one, whose traceback shows each failure in its box.
import asyncio


def check(order):
    problems = []
    for item in order:
        if item < 0:
            problems.append(ValueError(f"negative: {item}"))
        elif item > 100:
            problems.append(OverflowError(f"too big: {item}"))
    if problems:
        raise ExceptionGroup("order rejected", problems)


try:
    check([5, -1, 500, -2])
except* ValueError as negatives:
    print("negatives:", [str(error) for error in negatives.exceptions])
except* OverflowError as too_big:
    print("too big:", too_big.exceptions)


async def fetch(name, delay, fails):
    await asyncio.sleep(delay)
    if fails:
        raise ConnectionError(f"{name} is down")
    return name


async def refuse(name):
    raise PermissionError(f"{name} refused")


async def fetch_all():
    async with asyncio.TaskGroup() as group:
        group.create_task(fetch("prices", 0.02, True))
        group.create_task(fetch("stock", 0.01, False))
        group.create_task(fetch("reviews", 0.2, True))


async def main():
    try:
        await fetch_all()
    except* ConnectionError as down:
        print("down:", sorted(str(error) for error in down.exceptions))
    nested = ExceptionGroup("outer", [KeyError("k"), ExceptionGroup("inner", [TypeError("t")])])
    try:
        raise nested
    except* TypeError as types:
        print("types:", repr(types))
    except* KeyError:
        print("a key error")
    # Both fail in the loop's same iteration, before either failure cancels the other.
    async with asyncio.TaskGroup() as group:
        group.create_task(refuse("mail"))
        group.create_task(refuse("chat"))


asyncio.run(main())
