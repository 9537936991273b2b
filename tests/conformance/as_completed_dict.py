# as_completed over a dict of futures maps each result back to its input.
from concurrent.futures import ThreadPoolExecutor, as_completed

words = ["alpha", "be", "gamma", "pi", "omega"]

def measure(word):
    if word == "pi":
        raise ValueError("too short: " + word)
    return len(word)

results = {}
failures = []
with ThreadPoolExecutor(max_workers=3) as pool:
    future_to_word = {pool.submit(measure, w): w for w in words}
    for future in as_completed(future_to_word):
        word = future_to_word[future]
        try:
            results[word] = future.result()
        except ValueError as err:
            failures.append(str(err))

for word in words:
    if word in results:
        print(f"{word:>6}: {results[word]}")
print("failures:", failures)
print("total letters:", sum(results.values()))
