# A simulated flaky network, as tutorials fake one: fetches raise ConnectionError and its
# kin, a retry loop catches them by base class, and a thread pool gathers the outcomes.
from concurrent.futures import ThreadPoolExecutor

failures = {
    "a.example": [ConnectionResetError("peer reset"), None],
    "b.example": [ConnectionRefusedError(111, "refused"), TimeoutError("slow"), None],
    "c.example": [BrokenPipeError("pipe"), ConnectionAbortedError("aborted"), PermissionError("no")],
    "d.example": [FileNotFoundError("missing.txt")],
}


def fetch(host, attempt):
    outcome = failures[host][attempt]
    if outcome is not None:
        raise outcome
    return f"{host}: ok"


def fetch_with_retries(host):
    log = []
    for attempt in range(3):
        try:
            return fetch(host, attempt), log
        except ConnectionError as error:
            log.append(f"retry after {type(error).__name__}: {error}")
        except TimeoutError as error:
            log.append(f"timeout: {error!r}")
        except OSError as error:
            log.append(f"gave up: {error.__class__.__name__} {error.args}")
            break
    return f"{host}: failed", log


with ThreadPoolExecutor(max_workers=2) as pool:
    for result, log in pool.map(fetch_with_retries, sorted(failures)):
        print(result)
        for entry in log:
            print("   ", entry)

for kind in (ConnectionResetError, BrokenPipeError, FileNotFoundError, PermissionError,
             ModuleNotFoundError, UnicodeError, InterruptedError, FileExistsError):
    print(kind.__name__, issubclass(kind, OSError), issubclass(kind, ConnectionError),
          issubclass(kind, ImportError), issubclass(kind, ValueError))
try:
    raise ModuleNotFoundError("No module named 'requests'")
except ImportError as error:
    print(type(error).__name__, error)
