# functools.cached_property: an expensive value computed once per object, on first use, kept
# on the object; threads that share the object read it under a lock, so it loads once.
import functools
import threading


class Config:
    loads = 0

    def __init__(self, name):
        self.name = name

    @functools.cached_property
    def settings(self):
        Config.loads += 1
        print(f"loading settings for {self.name}")
        return {"workers": 4, "name": self.name}


config = Config("main")
print(config.settings["workers"], config.settings["name"], Config.loads)
print("kept on the object:", "settings" in vars(config))
config.settings = {"workers": 1}
print(config.settings, Config.loads)

shared = Config("shared")
lock = threading.Lock()
seen = []


def read():
    with lock:
        seen.append(shared.settings["workers"])


threads = [threading.Thread(target=read) for _ in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("seen", seen, "loads", Config.loads)
print(type(Config.settings).__name__)
