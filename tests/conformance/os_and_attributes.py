# os (process ids, cores), getattr/setattr/hasattr, and the __main__ guard.
import multiprocessing
import os
import threading


class Settings:
    retries = 3


print(os.cpu_count() == multiprocessing.cpu_count(), os.cpu_count() >= 1)
print(isinstance(os.getpid(), int), os.getpid() != os.getppid())

s = Settings()
setattr(s, "timeout", 2.5)
print(getattr(s, "timeout"), getattr(s, "retries"), getattr(s, "missing", "default"))
print(hasattr(s, "timeout"), hasattr(s, "missing"), hasattr(threading, "Lock"))
try:
    getattr(s, "missing")
except AttributeError as e:
    print("AttributeError:", e)


def main():
    print("in main, run as", __name__)


if __name__ == "__main__":
    main()
