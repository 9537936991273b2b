# sched: a scheduler's events run in order of time, then priority, then entry; cancel,
# queue, empty, run(blocking=False), keyword arguments, and a scheduler on a clock of the
# program's own (its delay function moves the clock instead of sleeping).
import sched
import threading
import time

log = []


def note(name, *, extra=""):
    log.append(name + extra)
    print("ran", name + extra)


clock = [0.0]


def fake_time():
    return clock[0]


def fake_sleep(seconds):
    print("sleep", seconds)
    clock[0] += seconds


s = sched.scheduler(fake_time, fake_sleep)
late = s.enter(5, 1, note, ("late",))
s.enter(2, 2, note, ("second",))
s.enter(2, 1, note, ("first",))
s.enterabs(2, 1, note, argument=("third",), kwargs={"extra": "!"})
dropped = s.enter(3, 1, note, ("dropped",))
s.cancel(dropped)
print([event.argument for event in s.queue])
print(s.queue[0].time, s.queue[0].priority, s.queue[0].sequence, s.queue[0].kwargs)
print(type(late).__name__, late._fields, isinstance(late, sched.Event))
print("empty?", s.empty())
print("next in", s.run(blocking=False))
s.run()
print(log, clock[0], s.empty())
try:
    s.cancel(dropped)
except ValueError as error:
    print("ValueError", error)

# Real time: two events a thread waits for, and one another thread adds meanwhile.
real = sched.scheduler(time.monotonic, time.sleep)
began = time.monotonic()
real.enter(0.2, 1, note, ("after 0.2",))
real.enter(0.1, 1, note, ("after 0.1",))
adder = threading.Timer(0.05, lambda: real.enter(0.1, 1, note, ("added",)))
adder.start()
real.run()
adder.join()
print("took about", round(time.monotonic() - began, 1))
print(real.timefunc is time.monotonic, real.delayfunc is time.sleep)
print(type(sched.scheduler()).__name__, sched.scheduler().timefunc is time.monotonic)
