# Nested lists and dicts: copies, references, and comprehension over them.
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix)
print([row[1] for row in matrix], [matrix[i][i] for i in range(3)])
transposed = [list(col) for col in zip(*matrix)]
print(transposed)
alias = matrix
copy = [row[:] for row in matrix]
alias[0][0] = 99
print(matrix[0][0], copy[0][0])
config = {"threads": 4, "names": ["a", "b"], "limits": {"cpu": 2}}
config["names"].append("c")
config["limits"]["mem"] = 8
print(config)
print(sorted(config), config["limits"].get("disk", "none"))
flat = [x for row in matrix for x in row if x % 2]
print(flat)
