# __getattr__: asked only for what is not found the usual way, by attribute reads, getattr()
# and hasattr(); a proxy forwarding to a list and to a lock.
import threading
class Proxy:
    def __init__(self, target):
        self._target = target
        self.calls = 0
    def __getattr__(self, name):
        self.calls += 1
        print("forwarding", name)
        return getattr(self._target, name)
class Config:
    defaults = {"retries": 3, "timeout": 1.5}
    def __getattr__(self, name):
        try:
            return self.defaults[name]
        except KeyError:
            raise AttributeError(f"no setting {name!r}")
p = Proxy([3, 1, 2])
p.append(0)
print(p.count(1), p.calls, p._target)
c = Config()
c.retries = 5
print(c.retries, c.timeout, getattr(c, "missing", "fallback"), hasattr(c, "nothing"))
try:
    c.nothing
except AttributeError as e:
    print("AttributeError:", e)
lock = Proxy(threading.Lock())
with lock._target:
    print("locked", lock.locked())
