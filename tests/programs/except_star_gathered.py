# What except* clauses raise, with what none took, ends the program as one new group: python3
# prints it without a traceback entry for the frame whose clauses gathered it.
def import_rows(rows):
    problems = [ValueError(f"row {n}: {row!r}") for n, row in enumerate(rows) if not row.isdigit()]
    problems += [OverflowError(f"row {n}: {row}") for n, row in enumerate(rows) if row.isdigit() and int(row) > 99]
    if problems:
        raise ExceptionGroup("import failed", problems)


def load():
    try:
        import_rows(["12", "x", "500", ""])
    except* ValueError as bad:
        print("bad rows:", len(bad.exceptions))
        raise KeyError("cannot skip bad rows")


load()
