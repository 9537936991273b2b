import json
import threading
from collections import Counter, OrderedDict

results = {}
lock = threading.Lock()
def worker(n):
    with lock:
        results[f"worker-{n}"] = {"square": n * n, "even": n % 2 == 0, "tags": ["a", n], "none": None}
threads = [threading.Thread(target=worker, args=(n,)) for n in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps(results))
print(json.dumps(results, indent=2, sort_keys=True))
print(json.dumps([1, 2.5, -0.0, 1e20, 1e-7, (3, 4), [], {}], indent=4))
print(json.dumps({"b": 1, "a": [1, {"z": None}]}, separators=(",", ":")))
print(json.dumps("héllo \"quoted\" \n\t\\ ✓ 😀"))
print(json.dumps("héllo", ensure_ascii=False))
print(json.dumps({1: "int", 2.5: "float", True: "bool", None: "none"}))
print(json.dumps(Counter("hello")), json.dumps(OrderedDict(x=1)))
print(json.dumps({"x": 1}, indent="\t"))
print(json.dumps(float("inf")), json.dumps(float("nan")))
text = '{"name": "pool", "workers": [1, 2, 3], "ratio": 0.75, "ok": true, "nested": {"a": null}, "big": 12345678901234567890, "exp": 1e3, "esc": "a\\u00e9\\n\\ud83d\\ude00"}'
data = json.loads(text)
print(data)
print(type(data["ratio"]).__name__, type(data["big"]).__name__, data["esc"])
print(json.loads(json.dumps(results)) == results)
print(json.loads("[]"), json.loads(" 42 "), json.loads('"x"'), json.loads("-Infinity"))
for bad in ["", "{", "[1, 2", '{"a" 1}', '{"a": 1,}', "[1,]", "nul", '"abc', "1 2", "{'a': 1}", '{"a": 1 "b": 2}', '[1\n, 2 3]']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print("JSONDecodeError:", e)
try:
    json.dumps({"s": {1, 2}})
except TypeError as e:
    print("TypeError:", e)
try:
    json.dumps({(1, 2): 3})
except TypeError as e:
    print("TypeError:", e)
try:
    json.loads("[")
except ValueError as e:
    print("ValueError:", type(e).__name__)
