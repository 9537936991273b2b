# /dev/null and /dev/urandom as programs use them: output thrown away, and random bytes read on
# an executor's thread, as the asyncio docs' run_in_executor example reads them.
import asyncio
import os


def blocking_io():
    with open("/dev/urandom", "rb") as f:
        return f.read(100)


async def main():
    loop = asyncio.get_running_loop()
    result = await loop.run_in_executor(None, blocking_io)
    print("read", type(result).__name__, len(result))


print(os.devnull, os.path.exists(os.devnull), os.path.exists("/dev/urandom"), os.path.isdir("/dev"))
with open(os.devnull, "w") as sink:
    print("not shown", file=sink)
    sink.write("nor this")
with open(os.devnull) as sink:
    print(repr(sink.read()))
print(os.path.getsize(os.devnull), "null" in os.listdir("/dev"), "urandom" in os.listdir("/dev"))
try:
    open(os.devnull, "x")
except FileExistsError as error:
    print(type(error).__name__, error)
asyncio.run(main())
