# A coroutine-style generator that keeps a running average of what it is sent.
def averager():
    total = 0
    count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count

avg = averager()
next(avg)
for value in [10, 20, 30, 5]:
    print(avg.send(value))
avg.close()
def tally():
    received = []
    while True:
        item = yield len(received)
        if item is None:
            break
        received.append(item)
    return received
t = tally()
next(t)
t.send("a")
t.send("b")
try:
    t.send(None)
except StopIteration as stop:
    print("returned:", stop)
