# A thread pool fetches (simulated) records; the results go to a JSON file and come back.
import json
from concurrent.futures import ThreadPoolExecutor
import time


def fetch(user_id):
    time.sleep(0.02 * (4 - user_id))
    return {"id": user_id, "name": f"user{user_id}", "active": user_id % 2 == 0, "score": user_id * 1.5}


with ThreadPoolExecutor(max_workers=4) as pool:
    records = list(pool.map(fetch, range(1, 5)))

with open("records.json", "w") as out:
    json.dump(records, out, indent=2)
with open("records.json") as source:
    print(source.read())
with open("records.json", encoding="utf-8") as source:
    loaded = json.load(source)
print(loaded == records, [record["name"] for record in loaded if record["active"]])

with open("summary.json", "w") as out:
    json.dump({"count": len(loaded), "names": [r["name"] for r in loaded]}, out, sort_keys=True)
print(open("summary.json").read())
try:
    json.dump(records, "not a file")
except (TypeError, AttributeError) as error:
    print(type(error).__name__)
with open("broken.json", "w") as out:
    out.write("{not json")
try:
    with open("broken.json") as source:
        json.load(source)
except json.JSONDecodeError as error:
    print("JSONDecodeError:", error)
