import threading
from enum import Enum, IntEnum, auto

class Status(Enum):
    PENDING = "pending"
    RUNNING = "running"
    FINISHED = "finished"

    def describe(self):
        return f"{self.name.lower()} ({self.value})"

class Level(IntEnum):
    LOW = auto()
    HIGH = auto()

status = {}
lock = threading.Lock()
def job(n):
    with lock:
        status[n] = Status.RUNNING
    with lock:
        status[n] = Status.FINISHED if n % 2 == 0 else Status.PENDING
threads = [threading.Thread(target=job, args=(n,)) for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for n in sorted(status):
    print(n, status[n], status[n].describe(), status[n] is Status.FINISHED)
counts = {s: 0 for s in Status}
for s in status.values():
    counts[s] += 1
print(counts)
print(Status("running"), Status.RUNNING == Status.FINISHED, Status.RUNNING != Status.FINISHED)
print(max(Level), Level.HIGH * 10, int(Level.LOW), Level(2).name, [level.value for level in Level])
print(f"{Status.PENDING.name}: {Status.PENDING.value}", str(Status.PENDING))
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
class State(Enum):
    IDLE = auto()
    RUNNING = auto()
    DONE = auto()
class Priority(IntEnum):
    HIGH = 1
    MEDIUM = 2
    LOW = 3
print(Color.RED, repr(Color.RED), Color.RED.name, Color.RED.value)
print(State.RUNNING, State.RUNNING.value, list(State))
print(Priority.LOW, repr(Priority.LOW), Priority.LOW + 1, Priority.HIGH < Priority.LOW, Priority.HIGH == 1)
print(Color(2), Color["BLUE"], len(Color), [c.name for c in Color])
print(Color.RED == Color.RED, Color.RED is Color(1), Color.RED == 1, isinstance(Color.RED, Color))
print(sorted([Priority.LOW, Priority.HIGH]), f"{Color.GREEN}", f"{Priority.MEDIUM}")
print(type(Color.RED).__name__, type(Color.RED), {Color.RED: "r"}[Color.RED])
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
try:
    Color["PINK"]
except KeyError as e:
    print("KeyError:", e)
print(Color.RED in Color, Color)
