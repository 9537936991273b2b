# Threads as CPython prints them: reprs with their state, daemon flag and ident (dropped here,
# as it differs run to run), the main thread's own class, a subclass's name, and the numbers
# only unnamed threads take. The switch interval a program sets is the one it reads back.
import sys
import threading


def shown(thread):
    text = repr(thread)
    ident = thread.ident
    return text.replace(f" {ident})", " <ident>)") if ident is not None else text


def work():
    print("in", shown(threading.current_thread()))


named = threading.Thread(target=work, name="worker")
print(shown(named))
named.start()
named.join()
print(shown(named))
print(shown(threading.main_thread()))
print([shown(thread) for thread in threading.enumerate()])

unnamed = threading.Thread(target=work, daemon=True)
print(shown(unnamed))
unnamed.start()
unnamed.join()
print(threading.Thread(target=print).name, threading.Thread().name, threading.Thread(name="").name)


class Downloader(threading.Thread):
    def run(self):
        print("downloading in", self.name)


downloader = Downloader()
print(shown(downloader))
downloader.start()
downloader.join()
print(shown(downloader))
print(isinstance(threading.get_ident(), int), threading.get_ident() == threading.main_thread().ident)

print(sys.getswitchinterval())
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
for bad in (0, -1):
    try:
        sys.setswitchinterval(bad)
    except ValueError as error:
        print("ValueError:", error)
try:
    sys.setswitchinterval("fast")
except TypeError as error:
    print("TypeError:", error)
