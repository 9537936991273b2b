# Assignment expressions (`:=`, PEP 572): in a while loop draining a queue, in conditions, in
# comprehensions (which bind the name in the enclosing function), with `global`, in a lambda
# and beside an `await`.
import queue, threading, asyncio

q = queue.Queue()
def producer():
    for i in range(3):
        q.put(i)
    q.put(None)
threading.Thread(target=producer).start()
while (item := q.get()) is not None:
    print("item", item)

data = [1, 5, 12, 7, 30]
print([y for x in data if (y := x * 2) > 10], y)
if (n := len(data)) > 3:
    print(f"list is too long ({n} elements, expected <= 3)")

def f():
    total = 0
    values = [(total := total + v) for v in range(5)]
    return total, values
print(f())

counter = 0
def h():
    global counter
    while (counter := counter + 1) < 4:
        pass
    return counter
print(h(), counter)

key = lambda s: (n := len(s)) * 10 + n
print(sorted(["ccc", "a", "bb"], key=key))

async def fetch(i):
    await asyncio.sleep(0.01)
    return i * 3
async def main():
    if (r := await fetch(2)) > 5:
        print("awaited", r)
asyncio.run(main())

class C:
    def m(self, xs):
        return [z for x in xs if (z := x + 1) % 2 == 0]
print(C().m(range(6)))
