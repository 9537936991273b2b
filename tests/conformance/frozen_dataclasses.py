# Frozen dataclasses as settings shared between threads: nothing can change them, they hash by
# their fields (as set members and dict keys), and equal ones are one key. A dataclass that is
# not frozen compares by its fields and cannot be hashed.
import threading
from dataclasses import FrozenInstanceError, dataclass, field


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int = 80


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int


@dataclass
class Job:
    name: str
    tags: list = field(default_factory=list)


api = Endpoint("api.local", 8080)
print(api, api == Endpoint("api.local", 8080), hash(api) == hash(Endpoint("api.local", 8080)))
try:
    api.port = 9090
except FrozenInstanceError as error:
    print("FrozenInstanceError:", error)
try:
    del api.host
except AttributeError as error:
    print(type(error).__name__ + ":", error)
print(api.port, isinstance(FrozenInstanceError("x"), AttributeError))
seen = {api, Endpoint("api.local", 8080), Endpoint("db.local", 5432)}
print(len(seen), sorted(endpoint.host for endpoint in seen))
hits = {Endpoint("api.local", 8080): 0}
print(sorted([Version(1, 10), Version(1, 2), Version(0, 9)]), Version(2, 0) > Version(1, 99))
try:
    hash(Job("build"))
except TypeError as error:
    print("TypeError:", error)
print(Job("build") == Job("build"), Job("build", ["ci"]))

lock = threading.Lock()


def call(endpoint, times):
    for _ in range(times):
        with lock:
            hits[endpoint] = hits.get(endpoint, 0) + 1


threads = [threading.Thread(target=call, args=(Endpoint("api.local", 8080), 100)) for _ in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(hits)
