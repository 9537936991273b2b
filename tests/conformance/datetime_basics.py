from datetime import datetime, timedelta, date
import datetime as dtmod
d = datetime(2024, 3, 5, 14, 7, 9, 120000)
print(d, repr(d), d.strftime('%Y/%m/%d %H:%M'), d.year, d.weekday(), d.isoformat(), d.date(), d.time())
print(timedelta(seconds=90), timedelta(days=1, hours=2), timedelta(milliseconds=1500), repr(timedelta(seconds=2.5)), timedelta(seconds=-1))
print(d + timedelta(days=30), d - datetime(2024,1,1), (d - datetime(2024,1,1)).total_seconds(), timedelta(minutes=1) * 3, timedelta(hours=1) / 2)
print(date(2024,1,2), date(2024,1,2).strftime('%A'), str(timedelta(seconds=3661.5)), timedelta(seconds=3) < timedelta(seconds=4))
print(datetime.fromtimestamp(0), datetime.utcfromtimestamp(86400), repr(datetime(2024, 1, 1)), repr(date(2024, 5, 6)))
start = datetime.now()
elapsed = datetime.now() - start
print(type(elapsed).__name__, elapsed.total_seconds() < 1, isinstance(start, datetime), dtmod.timedelta(days=2).days)
print(datetime(2024, 1, 1) < datetime(2024, 1, 2), datetime(2024, 1, 1) == datetime(2024, 1, 1), sorted([timedelta(3), timedelta(1)]))
