# Type hints as modern tutorials write them: typing's names in signatures, aliases and casts.
import threading
import typing
from typing import Any, Callable, Dict, List, NewType, Optional, Tuple, TypeVar, cast

T = TypeVar("T")
Vector = List[float]
Table = Dict[str, Tuple[int, Optional[str]]]
JobId = NewType("JobId", int)

results: Dict[JobId, float] = {}
lock = threading.Lock()


def scale(values: Vector, by: float) -> Vector:
    return [value * by for value in values]


def first(items: List[T]) -> Optional[T]:
    return items[0] if items else None


def worker(job: JobId, values: Vector, reduce: Callable[[Vector], float]) -> None:
    total = reduce(scale(values, 2.0))
    with lock:
        results[job] = total


threads: List[threading.Thread] = [
    threading.Thread(target=worker, args=(JobId(n), [1.0 * n, 2.0], sum)) for n in range(3)
]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

print(sorted(results.items()))
print(first([3, 4]), first([]))
print(T, Vector, Table)
print(typing.Union[int, str], Any, cast(int, "7"))

# collections.abc's classes as hints, as newer tutorials write them.
import collections.abc
from collections.abc import Callable, Generator, Iterable


def evens(numbers: Iterable[int]) -> Generator[int, None, None]:
    yield from (n for n in numbers if n % 2 == 0)


def apply(function: Callable, values: collections.abc.Sequence) -> list:
    return [function(value) for value in values]


print(list(evens(range(7))), apply(abs, [-1, 2]))
print(Generator, Iterable[int], collections.abc.Mapping[str, float])
