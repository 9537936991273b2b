# Worker threads write reports into a directory with pathlib; the main thread collects them.
import threading
import time
from pathlib import Path

out = Path("reports") / "daily"
out.mkdir(parents=True, exist_ok=True)
print(out, repr(out), out.exists(), out.is_dir(), out.parent, out.parts)


def report(number):
    time.sleep(0.08 * (3 - number))
    target = out / f"worker{number}.txt"
    written = target.write_text(f"worker {number} done\n" * (number + 1))
    print(f"{target.name}: {written} characters")


threads = [threading.Thread(target=report, args=(n,)) for n in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

for path in sorted(out.iterdir()):
    print(path, path.stem, path.suffix, len(path.read_text().splitlines()))
print(sorted(p.name for p in out.glob("*.txt")), list(out.glob("*.csv")))

summary = out.parent / "summary.csv"
with summary.open("w") as csv:
    print("name,lines", file=csv)
    for path in sorted(out.glob("worker?.txt")):
        print(f"{path.stem},{len(path.read_text().splitlines())}", file=csv)
with open(summary) as csv:
    print(csv.read(), end="")

moved = summary.rename(summary.with_suffix(".txt"))
print(moved, summary.exists(), moved.exists(), moved.with_name("other.md"))
moved.unlink()
moved.unlink(missing_ok=True)
try:
    moved.read_text()
except FileNotFoundError as error:
    print("FileNotFoundError:", error)
Path("marker").touch()
print(Path("marker").is_file(), Path(".") / "a" / ".." / "b", Path("/tmp", "x.log").name, "x" / Path("y"))
print(Path("a/b.tar.gz").suffix, Path("a/b.tar.gz").stem, Path(".bashrc").suffix, Path("x.").stem)
print(Path("a") == Path("a/"), len({Path("a"), Path("a")}), sorted([Path("a-b"), Path("a/b")]))
