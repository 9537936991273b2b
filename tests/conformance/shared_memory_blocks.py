# Shared memory between processes: a block a child reaches by its name and writes through its
# buffer, a ShareableList the children change in place, and the errors CPython gives for a
# missing block, a taken name and an item that outgrows its room.
from multiprocessing import Process
from multiprocessing.shared_memory import ShareableList, SharedMemory


def greet(name):
    block = SharedMemory(name=name)
    message = b"hello from a child"
    block.buf[: len(message)] = message
    block.buf[len(message)] = 0
    block.close()


def scale(numbers, factor):
    for at in range(len(numbers)):
        numbers[at] = numbers[at] * factor


def rename(name):
    attached = ShareableList(name=name)
    attached[0] = "renamed"
    attached.shm.close()


if __name__ == "__main__":
    block = SharedMemory(create=True, size=64)
    print("size:", block.size, "buffer:", len(block.buf), block.buf.nbytes, block.buf.format)
    child = Process(target=greet, args=(block.name,))
    child.start()
    child.join()
    end = bytes(block.buf).index(0)
    print("read:", bytes(block.buf[:end]).decode())
    view = block.buf
    view[0] = ord("H")
    print(view[:5].tobytes(), view[:5].tolist(), view[0], view[:5] == b"Hello")
    print("every other:", bytes(view[0:10:2]))
    try:
        view[0:2] = b"x"
    except ValueError as error:
        print("ValueError:", error)
    try:
        view[0] = 256
    except ValueError as error:
        print("ValueError:", error)
    twin = SharedMemory(block.name)
    twin.buf[1] = ord("E")
    print("through the twin:", bytes(block.buf[:2]))
    del view
    twin.close()
    block.close()
    print("buf after close:", block.buf)
    block.unlink()
    for attempt in (lambda: SharedMemory(name="missing"), lambda: SharedMemory(), lambda: SharedMemory(create=True, size=0)):
        try:
            attempt()
        except (OSError, ValueError) as error:
            print(type(error).__name__ + ":", error)

    numbers = ShareableList([1, 2, 3, 4.5])
    workers = [Process(target=scale, args=(numbers, factor)) for factor in (2, 10)]
    for worker in workers:
        worker.start()
        worker.join()
    print("scaled:", list(numbers), len(numbers))

    mixed = ShareableList(["label", b"raw", None, True, 7, "", "x" * 16])
    print("format:", mixed.format, "size:", mixed.shm.size)
    namer = Process(target=rename, args=(mixed.shm.name,))
    namer.start()
    namer.join()
    print("first:", mixed[0], "last:", mixed[-1], "count of None:", mixed.count(None), "index of 7:", mixed.index(7))
    try:
        mixed[1] = b"much too long for the room"
    except ValueError as error:
        print("ValueError:", error)
    mixed[4] = "eight ch"
    print("a number's room holds eight bytes:", mixed[4])
    try:
        mixed[9]
    except IndexError as error:
        print("IndexError:", error)
    try:
        ShareableList([[1, 2]])
    except KeyError as error:
        print("KeyError:", error)
    for shared in (numbers, mixed):
        shared.shm.close()
        shared.shm.unlink()
