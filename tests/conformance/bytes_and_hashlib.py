# bytes and hashlib: text encoded to bytes and hashed by threads (the proof-of-work search
# tutorials use as CPU-bound work), and the bytes operations around it.
import hashlib
from concurrent.futures import ThreadPoolExecutor

data = "threadplay".encode()
print(data, type(data).__name__, len(data), data[0], data[-1], data[1:4], data[::-1])
print(b"caf\xc3\xa9".decode("utf-8"), "café".encode("utf-8"), "é".encode(), "abc".encode("ascii"))
print(repr(b"it's"), b'say "hi"', b"both ' and \"", b"\x00\x7f\x80\xff\t\n\r\\")
print(list(b"abc"), bytes([104, 105]), bytes(3), bytes("hé", "utf-8"), bytes.fromhex("de ad be ef"))
print(b"ab" + b"cd", b"ab" * 3, b"b" in b"abc", 98 in b"abc", b"abc" == b"abc", b"abc" < b"abd")
print(b"abc" == "abc", bool(b""), str(b"x"), f"{b'x'}", isinstance(data, bytes), b"".join([]))
print(b"abc".hex(), b"abc".upper(), b"a,b,c".split(b","), b"-".join([b"a", b"b"]), b"  x ".strip())
print(b"abc".startswith(b"ab"), b"hello".find(b"l"), b"hello".count(b"l"), b"hello".replace(b"l", b"L"))
print(b" a b c ".split(None, 1), b"a,b,,c".split(b",", 1), "ab€".encode("ascii", "replace"))
print(b"a\xffb".decode(errors="replace"), b"a\xffb".decode("utf-8", "ignore"), str(b"ok", "ascii"))
print(sorted([b"b", b"a"]), {b"k": 1}[b"k"], max(b"abc"), [*b"ab"], b"abc"[-1], bytes((1, 2)))
for byte in b"hi":
    print(byte, end=" ")
print()

print(hashlib.sha256(b"abc").hexdigest())
print(hashlib.md5("abc".encode()).hexdigest())
print(hashlib.sha1(b"abc").hexdigest())
print(hashlib.sha512(b"abc").hexdigest()[:32])
digest = hashlib.sha256()
digest.update(b"a")
digest.update(b"bc")
print(digest.hexdigest(), digest.name, digest.digest_size, digest.block_size, digest.digest()[:4])
copied = digest.copy()
copied.update(b"d")
print(copied.hexdigest() == hashlib.sha256(b"abcd").hexdigest(), digest.hexdigest()[:8])
print(hashlib.new("sha256", b"abc").hexdigest() == hashlib.sha256(b"abc").hexdigest())


def mine(start, step, prefix="000"):
    nonce = start
    while True:
        digest = hashlib.sha256(f"block {nonce}".encode()).hexdigest()
        if digest.startswith(prefix):
            return nonce, digest
        nonce += step


with ThreadPoolExecutor(2) as pool:
    print(sorted(pool.map(mine, [0, 1], [2, 2])))

for attempt in [
    lambda: hashlib.sha256("text"),
    lambda: b"a" + "b",
    lambda: b"abc"[5],
    lambda: b"\xff".decode(),
    lambda: "é".encode("ascii"),
    lambda: bytes([256]),
    lambda: hashlib.new("nope"),
    lambda: bytes.fromhex("abc"),
    lambda: "ab€€x".encode("ascii"),
    lambda: b"\xe2\x82".decode(),
    lambda: b"a" < "b",
    lambda: bytes("x"),
]:
    try:
        attempt()
    except Exception as error:
        print(type(error).__name__, error)
