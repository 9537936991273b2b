//! Dates for `time.strftime` and logging's `asctime`: a moment on the run's clock (ms since the
//! Unix epoch) as a UTC calendar date and time. (CPython uses the machine's time zone; the
//! core has no time zone, so its dates are UTC.)

/// The fields of a moment.
struct Moment {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    millis: u32,
    /// 0 is Monday.
    weekday: u32,
    day_of_year: u32,
}

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn moment(epoch_ms: f64) -> Moment {
    let ms = epoch_ms.floor() as i64;
    let days = ms.div_euclid(86_400_000);
    let in_day = ms.rem_euclid(86_400_000);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let before: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let day_of_year = before[month as usize - 1] + day + u32::from(leap && month > 2);
    Moment {
        year,
        month,
        day,
        hour: (in_day / 3_600_000) as u32,
        minute: (in_day / 60_000 % 60) as u32,
        second: (in_day / 1000 % 60) as u32,
        millis: (in_day % 1000) as u32,
        weekday: (days + 3).rem_euclid(7) as u32,
        day_of_year,
    }
}

/// `strftime(format)` at `epoch_ms`, with the directives tutorials use.
pub fn strftime(format: &str, epoch_ms: f64) -> String {
    let m = moment(epoch_ms);
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let hour12 = match m.hour % 12 {
            0 => 12,
            hour => hour,
        };
        match chars.next() {
            Some('Y') => out.push_str(&m.year.to_string()),
            Some('y') => out.push_str(&format!("{:02}", m.year % 100)),
            Some('m') => out.push_str(&format!("{:02}", m.month)),
            Some('d') => out.push_str(&format!("{:02}", m.day)),
            Some('H') => out.push_str(&format!("{:02}", m.hour)),
            Some('I') => out.push_str(&format!("{hour12:02}")),
            Some('M') => out.push_str(&format!("{:02}", m.minute)),
            Some('S') => out.push_str(&format!("{:02}", m.second)),
            Some('f') => out.push_str(&format!("{:06}", m.millis * 1000)),
            Some('p') => out.push_str(if m.hour < 12 { "AM" } else { "PM" }),
            Some('j') => out.push_str(&format!("{:03}", m.day_of_year)),
            Some('B') => out.push_str(MONTHS[m.month as usize - 1]),
            Some('b') => out.push_str(&MONTHS[m.month as usize - 1][..3]),
            Some('A') => out.push_str(WEEKDAYS[m.weekday as usize]),
            Some('a') => out.push_str(&WEEKDAYS[m.weekday as usize][..3]),
            Some('e') => out.push_str(&format!("{:2}", m.day)),
            Some('c') => out.push_str(&strftime("%a %b %e %H:%M:%S %Y", epoch_ms)),
            Some('x') => out.push_str(&strftime("%m/%d/%y", epoch_ms)),
            Some('X') => out.push_str(&strftime("%H:%M:%S", epoch_ms)),
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}

/// `time.struct_time`'s fields: year, month, day, hour, minute, second, weekday (Monday 0),
/// day of the year, and no daylight saving time.
pub fn time_fields(epoch_ms: f64) -> [i64; 9] {
    let m = moment(epoch_ms);
    [
        m.year,
        m.month.into(),
        m.day.into(),
        m.hour.into(),
        m.minute.into(),
        m.second.into(),
        m.weekday.into(),
        m.day_of_year.into(),
        0,
    ]
}

/// The epoch milliseconds of a `struct_time`'s first six fields (what `time.mktime` gives).
pub fn epoch_ms_of(fields: &[i64]) -> f64 {
    let (year, month, day) = (fields[0], fields[1], fields[2]);
    // Days from the civil date (the inverse of `moment`'s algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let seconds = days * 86_400 + fields[3] * 3600 + fields[4] * 60 + fields[5];
    seconds as f64 * 1000.0
}

/// Logging's default `asctime`: `2026-11-30 14:05:09,123`.
pub fn log_time(epoch_ms: f64) -> String {
    format!(
        "{},{:03}",
        strftime("%Y-%m-%d %H:%M:%S", epoch_ms),
        moment(epoch_ms).millis
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_python_prints_them_in_utc() {
        // 2025-11-30 14:05:09.123 UTC, a Sunday (as python3 prints it).
        let ms = 1_764_511_509_123.0;
        assert_eq!(strftime("%Y-%m-%d %H:%M:%S", ms), "2025-11-30 14:05:09");
        assert_eq!(strftime("%a %b %d %I%p %j", ms), "Sun Nov 30 02PM 334");
        assert_eq!(log_time(ms), "2025-11-30 14:05:09,123");
        assert_eq!(strftime("%Y-%m-%d", 951_782_400_000.0), "2000-02-29");
    }
}
