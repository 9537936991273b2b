# Formatting fixed instants (the epoch and a day after it, in UTC), so nothing depends on
# the clock or the time zone.
import time

epoch = time.gmtime(0)
print(epoch.tm_year, epoch.tm_mon, epoch.tm_mday, epoch.tm_wday, epoch.tm_yday)
print(time.strftime("%Y-%m-%d %H:%M:%S", epoch))
print(time.strftime("%a %d %b %Y, day %j", epoch))

later = time.gmtime(86400 * 365 + 3661)
print(time.strftime("%Y-%m-%dT%H:%M:%S", later), later.tm_wday, later[0:3])
