# Snapshots with the copy module: a worker changes its own deep copy, never the shared original.
import copy
import threading

config = {"retries": 3, "hosts": ["a", "b"], "limits": {"cpu": 2}}


class Job:
    def __init__(self, name, steps):
        self.name = name
        self.steps = steps

    def __repr__(self):
        return f"Job({self.name!r}, {self.steps})"


snapshots = {}
lock = threading.Lock()


def worker(n):
    mine = copy.deepcopy(config)
    mine["hosts"].append(f"w{n}")
    mine["limits"]["cpu"] += n
    with lock:
        snapshots[n] = mine


threads = [threading.Thread(target=worker, args=(n,)) for n in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()

print(config)
for n in sorted(snapshots):
    print(n, snapshots[n])

shallow = copy.copy(config)
shallow["hosts"].append("shared")
shallow["retries"] = 0
print(config["hosts"], config["retries"], shallow["retries"])

job = Job("build", [1, 2])
twin = copy.copy(job)
clone = copy.deepcopy(job)
twin.steps.append(3)
clone.steps.append(4)
print(job, twin, clone, twin is job, twin.steps is job.steps)

shared = [1, 2]
pair = [shared, shared]
pair_copy = copy.deepcopy(pair)
print(pair_copy[0] is pair_copy[1], pair_copy[0] is shared)
loop = [0]
loop.append(loop)
loop_copy = copy.deepcopy(loop)
print(loop_copy[1] is loop_copy, loop_copy[1] is loop)
print(copy.deepcopy((1, [2], frozenset({3}))), copy.copy({4, 5}))


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


root = Node("root")
leaf = Node("leaf", root)
tree = copy.deepcopy(root)
print(tree.children[0].parent is tree, tree.children[0] is leaf, tree.children[0].name)
