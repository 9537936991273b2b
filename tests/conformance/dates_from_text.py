# Dates read from text, as log-parsing and scheduling tutorials read them: strptime with the
# common directives, fromisoformat, CPython's errors, and dates before 1970.
import datetime
cases = [
    ("2024-03-05 14:30:00", "%Y-%m-%d %H:%M:%S"),
    ("2024-13-05", "%Y-%m-%d"),
    ("2024-03-05x", "%Y-%m-%d"),
    ("5 Mar 2024", "%d %b %Y"),
    ("5   march 2024", "%d %B %Y"),
    ("2024-02-30", "%Y-%m-%d"),
    ("2024-02-29", "%Y-%m-%d"),
    ("07/04/24 3:05 PM", "%m/%d/%y %I:%M %p"),
    ("12:00 am", "%I:%M %p"),
    ("2024-03-05 14:30:00.25", "%Y-%m-%d %H:%M:%S.%f"),
    ("Tuesday, March 5", "%A, %B %d"),
    ("Tue 05", "%a %d"),
    ("2024 060", "%Y %j"),
    ("100%", "%d%%"),
    ("2024-03-05", "%Y-%m-%d %H"),
    ("2024", "%Q"),
]
for text, format in cases:
    try:
        print(datetime.datetime.strptime(text, format))
    except ValueError as error:
        print("ValueError:", error)
print(datetime.datetime.fromisoformat("2024-03-05"), datetime.datetime.fromisoformat("2024-03-05 14:30"))
print(datetime.datetime.fromisoformat("2024-03-05T14:30:15.5"), datetime.date.fromisoformat("2024-03-05"))
for text in ["2024-3-5", "2024-03-05T25:00", "nonsense"]:
    try:
        datetime.datetime.fromisoformat(text)
    except ValueError as error:
        print("ValueError:", error)
for fields in [(2023, 2, 29), (2024, 4, 31), (2024, 1, 1, 24), (2024, 1, 1, 0, 60)]:
    try:
        datetime.datetime(*fields)
    except ValueError as error:
        print("ValueError:", error)
try:
    datetime.datetime.strptime(20240305, "%Y%m%d")
except TypeError as error:
    print("TypeError:", error)
start = datetime.datetime.strptime("09:15:00", "%H:%M:%S")
end = datetime.datetime.strptime("17:45:30", "%H:%M:%S")
print(end - start, (end - start).total_seconds())
d = datetime.datetime(1900, 3, 5, 12, 30, 15, 250)
print(d, d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond, d.weekday(), d.strftime("%a %j %Y-%m-%d"), d.isoformat())
print(datetime.date(1969, 12, 31), datetime.datetime(1969,12,31,23,59,59) + datetime.timedelta(seconds=2))
