# Thread and Process subclasses the way older tutorials write them: Thread.__init__(self),
# super(Class, self), a run() that calls super().run() to reach the target, Exception.__init__,
# and run() called directly, which runs the target on the calling thread.
import threading, multiprocessing, time

class OldStyle(threading.Thread):
    def __init__(self, n):
        threading.Thread.__init__(self)
        self.n = n
    def run(self):
        print("old style", self.n, self.name)

class Classic(threading.Thread):
    def __init__(self, n):
        super(Classic, self).__init__(name=f"classic-{n}")
        self.n = n
    def run(self):
        print("classic", self.n, self.name)

class Logged(threading.Thread):
    def run(self):
        print("before target in", self.name)
        super().run()
        print("after target")

class AppError(Exception):
    def __init__(self, code, message):
        Exception.__init__(self, message)
        self.code = code

for t in [OldStyle(1), Classic(2), Logged(target=print, args=("the target runs",))]:
    t.start()
    t.join()

try:
    raise AppError(7, "broken")
except AppError as error:
    print(error.code, error, error.args)


class Base:
    def hello(self):
        return "base hello"
class Child(Base):
    def hello(self):
        return "child and " + super(Child, self).hello()
print(Child().hello())
print(super(Child, Child()).hello())

class Worker(multiprocessing.Process):
    def __init__(self, label):
        multiprocessing.Process.__init__(self)
        self.label = label
    def run(self):
        print("process", self.label, self.name)

if __name__ == "__main__":
    w = Worker("w")
    w.start()
    w.join()
    print("exit", w.exitcode)

plain = threading.Thread(target=lambda: print("run() on", threading.current_thread().name))
plain.run()
print("a thread without a target:", end=" ")
empty = threading.Thread()
empty.start()
empty.join()
print("started and joined")
