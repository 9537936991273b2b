# Aware datetimes: UTC timestamps for log records, fixed offsets, and the naive/aware rules.
from datetime import datetime, timedelta, timezone

stamp = datetime(2024, 3, 5, 14, 7, 9, 120000, tzinfo=timezone.utc)
print(stamp, repr(stamp), stamp.isoformat(), stamp.tzinfo, repr(timezone.utc), stamp.utcoffset())
india = timezone(timedelta(hours=5, minutes=30))
print(india, repr(india), stamp.astimezone(india), repr(timezone(timedelta(hours=-3))))
print(timezone(timedelta(0)) == timezone.utc, stamp.astimezone(india) == stamp, stamp.timestamp())
naive = datetime(2024, 3, 5)
try:
    stamp - naive
except TypeError as error:
    print(error)
try:
    stamp < naive
except TypeError as error:
    print(error)
print(stamp == naive, stamp - datetime(2024, 3, 5, tzinfo=timezone.utc), stamp + timedelta(hours=1))
print(stamp.strftime("%Y-%m-%d %H:%M %z %Z"), repr(naive.strftime("[%z][%Z]")), naive.tzinfo, naive.utcoffset())
print(f"{stamp.astimezone(india):%H:%M %z}", datetime.fromtimestamp(0, tz=timezone.utc))
now = datetime.now(timezone.utc)
print(type(now).__name__, now.tzinfo, now.utcoffset(), now > stamp, abs(now.timestamp() - datetime.now().timestamp()) < 5)
later = datetime.now(tz=india)
print(later.tzinfo, later.isoformat().endswith("+05:30"), sorted([stamp + timedelta(minutes=1), stamp.astimezone(india)])[0] == stamp)
