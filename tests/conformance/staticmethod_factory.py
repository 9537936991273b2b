# Alternative constructors with classmethods, helpers with staticmethods.
class Date:
    def __init__(self, year, month, day):
        self.year, self.month, self.day = year, month, day

    @classmethod
    def from_string(cls, text):
        year, month, day = map(int, text.split("-"))
        return cls(year, month, day)

    @staticmethod
    def is_leap(year):
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)

    def __str__(self):
        return f"{self.year:04d}/{self.month:02d}/{self.day:02d}"

class Birthday(Date):
    pass

d = Date.from_string("2024-02-29")
b = Birthday.from_string("1999-12-31")
print(d, type(b).__name__, b)
print(Date.is_leap(2024), d.is_leap(1900), Date.is_leap(2000))
