# Binary files: threads write chunks of bytes, and a pool hashes the files back ("rb"), as
# the tutorials that checksum files concurrently do.
import hashlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor

os.makedirs("blobs", exist_ok=True)


def produce(n):
    with open(f"blobs/blob{n}.bin", "wb") as blob:
        for i in range(3):
            blob.write(f"blob {n} part {i}\n".encode())
        blob.write(bytes(range(250, 256)))


threads = [threading.Thread(target=produce, args=(n,)) for n in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()


def checksum(path):
    digest = hashlib.sha256()
    with open(path, "rb") as blob:
        while chunk := blob.read(16):
            digest.update(chunk)
    return path, os.path.getsize(path), digest.hexdigest()[:16]


with ThreadPoolExecutor(2) as pool:
    for path, size, digest in pool.map(checksum, [f"blobs/{name}" for name in sorted(os.listdir("blobs"))]):
        print(path, size, digest)

with open("blobs/blob0.bin", "rb") as blob:
    print(blob, blob.mode, blob.name, blob.readable(), blob.writable())
    print(blob.readline(), blob.tell())
    print(blob.read(4), blob.seek(-6, 2), blob.read(), blob.read(), blob.tell())
    blob.seek(0)
    print(blob.readlines()[:2])
    blob.seek(0)
    print([line[:6] for line in blob])

with open("log.bin", "ab") as log:
    print(log.write(b"first\n"), log.tell())
with open("log.bin", "ab", buffering=0) as log:
    log.write(b"second\n")
with open("log.bin", "r+b") as log:
    print(type(log).__name__, log.read(5), log.seek(0, 1))
    log.write(b"!")
    log.seek(0)
    print(log.read())
with open("log.bin") as text:
    print(repr(text.read()))

pending = open("pending.bin", "wb")
pending.write(b"not yet")
print(os.path.getsize("pending.bin"))
pending.flush()
print(os.path.getsize("pending.bin"))
pending.close()

for attempt in [
    lambda: open("log.bin", "rb").write(b"x"),
    lambda: open("new.bin", "wb").read(),
    lambda: open("log.bin", "wb").write("text"),
    lambda: open("log.bin", "rb", encoding="utf-8"),
    lambda: open("log.bin", "rbt"),
    lambda: open("log.bin", "rb").seek(-1, 1),
    lambda: open("missing.bin", "rb"),
]:
    try:
        attempt()
    except Exception as error:
        print(type(error).__name__, error)
closed = open("log.bin", "rb")
closed.close()
try:
    closed.read()
except ValueError as error:
    print("ValueError", error, closed.closed)

from pathlib import Path

blob = Path("blobs") / "raw.bin"
print(blob.write_bytes(b"\x00raw\xff"), blob.read_bytes(), hashlib.md5(blob.read_bytes()).hexdigest())
with blob.open("rb") as raw:
    print(raw.read(2))
