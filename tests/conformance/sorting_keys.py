# Sorting records by several keys, stably.
people = [
    {"name": "ana", "age": 31, "team": "red"},
    {"name": "bo", "age": 25, "team": "blue"},
    {"name": "cy", "age": 31, "team": "blue"},
    {"name": "di", "age": 22, "team": "red"},
]
by_age = sorted(people, key=lambda p: p["age"])
print([p["name"] for p in by_age])
by_team_then_age = sorted(people, key=lambda p: (p["team"], -p["age"]))
print([(p["team"], p["name"]) for p in by_team_then_age])
oldest = max(people, key=lambda p: p["age"])
print(oldest["name"], min(p["age"] for p in people))
teams = {}
for p in people:
    teams.setdefault(p["team"], []).append(p["name"])
print(teams)
names = [p["name"] for p in people]
names.sort(reverse=True)
print(names, sorted("banana"), sorted([3, 1, 2], reverse=True))
