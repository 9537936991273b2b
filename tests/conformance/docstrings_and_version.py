# Docstrings: a class's, a function's and a method's __doc__, kept by functools.wraps; and sys.version_info.
import functools
import threading

class Account:
    """A bank account, safe across threads."""

    rate = 0.1

    def deposit(self, amount):
        """Add money."""
        return amount

class Savings(Account):
    pass

class Plain:
    x = 1

def task():
    'One task.'
    pass

def bare():
    x = "not a doc"
    return x

def logged(func):
    @functools.wraps(func)
    def wrapper(*args):
        """The wrapper."""
        return func(*args)
    return wrapper

@logged
def work(n):
    """Do the work."""
    return n

print(Account.__doc__)
print(Account().__doc__)
print(Savings.__doc__, Plain.__doc__)
print(Account.deposit.__doc__, Account().deposit.__doc__)
print(task.__doc__, bare.__doc__, work.__doc__, work.__name__)
print((lambda: 1).__doc__)
print(Account.rate, sorted(k for k in vars(Account()) ))
class Worker(threading.Thread):
    """A worker thread."""
    def run(self):
        print("running", self.__doc__)
w = Worker(); w.start(); w.join()
import sys
print(sys.version_info >= (3, 8), sys.version_info[0], sys.version_info.major, type(sys.version_info.minor).__name__)
major, minor, *_ = sys.version_info
print(major)
