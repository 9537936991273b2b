# Thread names, the daemon flag, start-once rules and what a child thread inherits.
import threading

t = threading.Thread(target=lambda: None, name="loader")
print(t.name)
t.name = "writer"
print(t.name)
print("daemon default:", t.daemon)
t.daemon = True
print("daemon now:", t.daemon)
t.daemon = False
unnamed = threading.Thread(target=len, args=("abc",))
print("unnamed default:", unnamed.name.startswith("Thread-"), unnamed.name.endswith("(len)"))
print("ident before start:", t.ident)
t.start()
t.join()
print("has ident after join:", t.ident is not None)
try:
    t.daemon = True
except RuntimeError as err:
    print("RuntimeError:", err)
try:
    t.start()
except RuntimeError as err:
    print("RuntimeError:", err)

inherited = []

def parent():
    child = threading.Thread(target=lambda: None)
    inherited.append(child.daemon)

p = threading.Thread(target=parent, daemon=True)
p.start()
p.join()
print("child of a daemon is daemon:", inherited)
