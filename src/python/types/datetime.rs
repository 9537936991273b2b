//! `datetime.datetime`, `datetime.date` and `datetime.timedelta`, in microseconds. A naive
//! time is UTC, as the page's clock is; an aware one (`tzinfo=`, `now(timezone.utc)`) keeps
//! its offset (see `timezone.rs`).

use super::super::calendar::{epoch_ms_of, strftime, time_fields};
use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::hash::py_hash;
use super::super::ir::BinOp;
use super::super::registry::{done, downcast, native, Args, Native, PyObject, TypeDef};
use super::super::value::{as_int, Int, Value};
use super::super::vm::{Invoked, Vm};
use super::datetime_parse::{self, days_in_month, Fields};
use super::timezone;
use std::sync::Arc;

const MICROS_PER_DAY: i64 = 86_400_000_000;

/// A moment: `datetime` (or `date`, a day's start).
pub struct Moment {
    /// The wall clock's time, in the offset's zone.
    micros: i64,
    is_date: bool,
    /// Seconds east of UTC, for an aware `datetime`.
    offset: Option<i64>,
}

pub struct Delta {
    micros: i64,
}

static DATETIME: TypeDef = TypeDef {
    name: "datetime",
    methods: &[
        native("strftime", |_, args| {
            let format = args.expect("strftime", 1, 1)?[0].to_str();
            done(Value::str(this(&args)?.strftime(&format)))
        }),
        native("isoformat", |_, args| {
            let moment = this(&args)?;
            args.expect("isoformat", 0, 0)?;
            done(Value::str(moment.text('T')))
        }),
        native("utcoffset", |_, args| {
            args.expect("utcoffset", 0, 0)?;
            let offset = this(&args)?.offset;
            done(offset.map_or(Value::None, |seconds| delta_value(seconds * 1_000_000)))
        }),
        // A naive time is taken as UTC, the page's zone.
        native("astimezone", |_, args| {
            let moment = this(&args)?;
            let zone = timezone::offset_arg(args.expect("astimezone", 1, 1)?.first().cloned())?;
            let offset = zone.unwrap_or(0);
            let micros = moment.utc_micros() + offset * 1_000_000;
            done(aware_value(micros, Some(offset)))
        }),
        native("weekday", |_, args| {
            args.expect("weekday", 0, 0)?;
            done(Value::Int(this(&args)?.fields()[6].into()))
        }),
        native("timestamp", |_, args| {
            args.expect("timestamp", 0, 0)?;
            done(Value::Float(this(&args)?.utc_micros() as f64 / 1e6))
        }),
        native("date", |_, args| {
            let moment = this(&args)?;
            done(moment_value(
                moment.micros.div_euclid(MICROS_PER_DAY) * MICROS_PER_DAY,
                true,
            ))
        }),
        native("time", |_, args| {
            let moment = this(&args)?;
            let micros = moment.micros.rem_euclid(MICROS_PER_DAY);
            done(Value::str(time_text(micros)))
        }),
    ],
    attribute: |object, name| {
        let moment = downcast::<Moment>(object)?;
        let fields = moment.fields();
        let at = ["year", "month", "day", "hour", "minute", "second"]
            .iter()
            .position(|field| *field == name);
        match (at, name) {
            (Some(at), _) => Some(Value::Int(fields[at].into())),
            (None, "microsecond") => Some(Value::Int(moment.micros.rem_euclid(1_000_000).into())),
            (None, "tzinfo") => Some(moment.offset.map_or(Value::None, timezone::of_offset)),
            _ => None,
        }
    },
};

static TIMEDELTA: TypeDef = TypeDef {
    name: "timedelta",
    methods: &[native("total_seconds", |_, args| {
        args.expect("total_seconds", 0, 0)?;
        let delta = args.this::<Delta>()?;
        done(Value::Float(delta.micros as f64 / 1e6))
    })],
    attribute: |object, name| {
        let delta = downcast::<Delta>(object)?;
        let (days, rest) = (
            delta.micros.div_euclid(MICROS_PER_DAY),
            delta.micros.rem_euclid(MICROS_PER_DAY),
        );
        Some(Value::Int(Int::from(match name {
            "days" => days,
            "seconds" => rest / 1_000_000,
            "microseconds" => rest % 1_000_000,
            _ => return None,
        })))
    },
};

fn this(args: &Args) -> PyResult<Arc<Moment>> {
    args.this::<Moment>()
}

fn moment_value(micros: i64, is_date: bool) -> Value {
    Value::Object(Arc::new(Moment {
        micros,
        is_date,
        offset: None,
    }))
}

fn aware_value(micros: i64, offset: Option<i64>) -> Value {
    Value::Object(Arc::new(Moment {
        micros,
        is_date: false,
        offset,
    }))
}

pub fn delta_value(micros: i64) -> Value {
    Value::Object(Arc::new(Delta { micros }))
}

/// A `timedelta`'s microseconds.
pub fn delta_micros(value: &Value) -> Option<i64> {
    downcast::<Delta>(value).map(|delta| delta.micros)
}

/// `f"{moment:%H:%M}"`: a `datetime` or `date` formats with its spec as `strftime` does.
pub fn formatted(value: &Value, spec: &str) -> Option<String> {
    let moment = downcast::<Moment>(value)?;
    Some(moment.strftime(spec))
}

impl Moment {
    fn epoch_ms(&self) -> f64 {
        self.micros as f64 / 1000.0
    }

    /// The moment's time in UTC.
    fn utc_micros(&self) -> i64 {
        self.micros - self.offset.unwrap_or(0) * 1_000_000
    }

    /// `strftime`, whose `%z` and `%Z` are the offset and the zone's name (empty when naive).
    fn strftime(&self, format: &str) -> String {
        let (z, zone) = match self.offset {
            Some(offset) => (
                timezone::offset_text(offset, false),
                timezone::of_offset(offset).to_str(),
            ),
            None => (String::new(), String::new()),
        };
        let format = format.replace("%z", &z).replace("%Z", &zone);
        strftime(&format, self.epoch_ms())
    }

    fn fields(&self) -> [i64; 9] {
        time_fields(self.micros.div_euclid(1000) as f64)
    }

    /// `2024-03-05 14:07:09.120000` (`separator` between date and time).
    fn text(&self, separator: char) -> String {
        let f = self.fields();
        let date = format!("{:04}-{:02}-{:02}", f[0], f[1], f[2]);
        if self.is_date {
            return date;
        }
        let offset = self
            .offset
            .map_or(String::new(), |offset| timezone::offset_text(offset, true));
        format!(
            "{date}{separator}{}{offset}",
            time_text(self.micros.rem_euclid(MICROS_PER_DAY))
        )
    }
}

/// `14:07:09` or `14:07:09.120000`, of the microseconds into a day.
fn time_text(micros: i64) -> String {
    let seconds = micros / 1_000_000;
    let fraction = micros % 1_000_000;
    let clock = format!(
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    );
    if fraction == 0 {
        clock
    } else {
        format!("{clock}.{fraction:06}")
    }
}

impl PyObject for Moment {
    fn type_def(&self) -> &'static TypeDef {
        &DATETIME
    }

    fn type_name(&self) -> &'static str {
        if self.is_date {
            "date"
        } else {
            "datetime"
        }
    }

    fn to_str(&self) -> String {
        self.text(' ')
    }

    fn repr(&self) -> String {
        let f = self.fields();
        if self.is_date {
            return format!("datetime.date({}, {}, {})", f[0], f[1], f[2]);
        }
        let micros = self.micros.rem_euclid(1_000_000);
        let mut parts: Vec<i64> = f[..6].to_vec();
        if micros != 0 {
            parts.push(micros);
        }
        while parts.len() > 5 && parts.last() == Some(&0) {
            parts.pop();
        }
        let mut parts: Vec<String> = parts.iter().map(i64::to_string).collect();
        if let Some(offset) = self.offset {
            parts.push(format!("tzinfo={}", timezone::of_offset(offset).repr()));
        }
        format!("datetime.datetime({})", parts.join(", "))
    }

    fn binary(&self, op: BinOp, other: &Value, reflected: bool) -> Option<PyResult<Value>> {
        if let Some(delta) = downcast::<Delta>(other) {
            let moved = |micros| {
                Value::Object(Arc::new(Moment {
                    micros,
                    is_date: self.is_date,
                    offset: self.offset,
                }))
            };
            return match (op, reflected) {
                (BinOp::Add, _) => Some(Ok(moved(self.micros + delta.micros))),
                (BinOp::Sub, false) => Some(Ok(moved(self.micros - delta.micros))),
                _ => None,
            };
        }
        let other = downcast::<Moment>(other)?;
        if self.offset.is_some() != other.offset.is_some() {
            return Some(raise(
                TypeError,
                "can't subtract offset-naive and offset-aware datetimes",
            ));
        }
        match (op, reflected) {
            (BinOp::Sub, false) => Some(Ok(delta_value(self.utc_micros() - other.utc_micros()))),
            (BinOp::Sub, true) => Some(Ok(delta_value(other.utc_micros() - self.utc_micros()))),
            _ => None,
        }
    }

    /// Aware times compare by the moment in UTC; an aware and a naive one are never equal.
    fn equals(&self, other: &Value) -> Option<bool> {
        let other = downcast::<Moment>(other).filter(|other| other.is_date == self.is_date)?;
        Some(
            self.offset.is_some() == other.offset.is_some()
                && self.utc_micros() == other.utc_micros(),
        )
    }

    /// An aware and a naive time do not order.
    fn order(&self, other: &Value) -> Option<PyResult<std::cmp::Ordering>> {
        // A `date` and a `datetime` do not order either (CPython's TypeError).
        let other = downcast::<Moment>(other).filter(|other| other.is_date == self.is_date)?;
        if self.offset.is_some() != other.offset.is_some() {
            return Some(raise(
                TypeError,
                "can't compare offset-naive and offset-aware datetimes",
            ));
        }
        Some(Ok(self.utc_micros().cmp(&other.utc_micros())))
    }

    fn hash(&self) -> Option<PyResult<i64>> {
        Some(py_hash(&Value::Int(self.utc_micros().into())))
    }
}

impl PyObject for Delta {
    fn type_def(&self) -> &'static TypeDef {
        &TIMEDELTA
    }

    /// `1 day, 2:00:00.500000`.
    fn to_str(&self) -> String {
        let days = self.micros.div_euclid(MICROS_PER_DAY);
        let clock = time_text(self.micros.rem_euclid(MICROS_PER_DAY));
        // A duration's hours are not padded: `0:01:30`.
        let clock = match clock.strip_prefix('0') {
            Some(rest) if !rest.starts_with(':') => rest.to_string(),
            _ => clock,
        };
        match days {
            0 => clock,
            1 | -1 => format!("{days} day, {clock}"),
            _ => format!("{days} days, {clock}"),
        }
    }

    fn repr(&self) -> String {
        let days = self.micros.div_euclid(MICROS_PER_DAY);
        let rest = self.micros.rem_euclid(MICROS_PER_DAY);
        let mut parts = Vec::new();
        for (name, value) in [
            ("days", days),
            ("seconds", rest / 1_000_000),
            ("microseconds", rest % 1_000_000),
        ] {
            if value != 0 {
                parts.push(format!("{name}={value}"));
            }
        }
        if parts.is_empty() {
            return "datetime.timedelta(0)".into();
        }
        format!("datetime.timedelta({})", parts.join(", "))
    }

    fn binary(&self, op: BinOp, other: &Value, reflected: bool) -> Option<PyResult<Value>> {
        if let Some(delta) = downcast::<Delta>(other) {
            let (a, b) = if reflected {
                (delta.micros, self.micros)
            } else {
                (self.micros, delta.micros)
            };
            return match op {
                BinOp::Add => Some(Ok(delta_value(a + b))),
                BinOp::Sub => Some(Ok(delta_value(a - b))),
                BinOp::Div if b != 0 => Some(Ok(Value::Float(a as f64 / b as f64))),
                BinOp::FloorDiv if b != 0 => Some(Ok(Value::Int(a.div_euclid(b).into()))),
                _ => None,
            };
        }
        let factor = match other {
            Value::Float(f) => *f,
            other => as_int(other)? as f64,
        };
        match (op, reflected) {
            (BinOp::Mul, _) => Some(Ok(
                delta_value((self.micros as f64 * factor).round() as i64),
            )),
            (BinOp::Div, false) if factor != 0.0 => Some(Ok(delta_value(
                (self.micros as f64 / factor).round() as i64,
            ))),
            _ => None,
        }
    }

    fn compare_key(&self) -> Option<Value> {
        Some(Value::Int(self.micros.into()))
    }
}

fn number(value: Option<&Value>) -> PyResult<f64> {
    match value {
        None | Some(Value::None) => Ok(0.0),
        Some(Value::Float(f)) => Ok(*f),
        Some(other) => as_int(other).map(|i| i as f64).map_or_else(
            || {
                raise(
                    TypeError,
                    format!(
                        "unsupported type for timedelta component: {}",
                        other.type_name()
                    ),
                )
            },
            Ok,
        ),
    }
}

/// `timedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)`.
pub fn timedelta(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    const UNITS: [(&str, f64); 7] = [
        ("days", 86_400e6),
        ("seconds", 1e6),
        ("microseconds", 1.0),
        ("milliseconds", 1e3),
        ("minutes", 60e6),
        ("hours", 3_600e6),
        ("weeks", 604_800e6),
    ];
    let mut micros = 0.0;
    for (at, (unit, scale)) in UNITS.iter().enumerate() {
        let value = args
            .keyword(unit)
            .or_else(|| args.positional.get(at).cloned());
        micros += number(value.as_ref())? * scale;
    }
    args.no_more_keywords("timedelta")?;
    done(delta_value(micros.round() as i64))
}

/// `datetime(year, month, day, hour=0, minute=0, second=0, microsecond=0)` or
/// `date(year, month, day)`.
pub fn new(mut args: Args, is_date: bool) -> PyResult<Invoked> {
    let offset = timezone::offset_arg(args.keyword("tzinfo"))?;
    let name = if is_date { "date" } else { "datetime" };
    let given = args.expect(name, 3, if is_date { 3 } else { 7 })?;
    let mut fields = [0i64; 7];
    for (at, value) in given.iter().enumerate() {
        fields[at] =
            as_int(value).map_or_else(|| raise(TypeError, "an integer is required"), Ok)? as i64;
    }
    done(civil_value(fields, is_date, offset)?)
}

/// The date or datetime of calendar `fields` (year to microsecond), checked as CPython checks
/// them.
fn civil_value(fields: Fields, is_date: bool, offset: Option<i64>) -> PyResult<Value> {
    let [year, month, day, hour, minute, second, micros] = fields;
    let checks = [
        ((1..=9999).contains(&year), "year is out of range"),
        ((1..=12).contains(&month), "month must be in 1..12"),
        (
            (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day),
            "day is out of range for month",
        ),
        ((0..=23).contains(&hour), "hour must be in 0..23"),
        ((0..=59).contains(&minute), "minute must be in 0..59"),
        ((0..=59).contains(&second), "second must be in 0..59"),
        (
            (0..=999_999).contains(&micros),
            "microsecond must be in 0..999999",
        ),
    ];
    if let Some((_, message)) = checks.iter().find(|(valid, _)| !valid) {
        return raise(ValueError, *message);
    }
    let epoch_ms = epoch_ms_of(&[year, month, day, hour, minute, second]);
    let micros = epoch_ms as i64 * 1000 + micros;
    Ok(match offset {
        Some(_) if !is_date => aware_value(micros, offset),
        _ => moment_value(micros, is_date),
    })
}

/// A string argument of `callee`, or CPython's `TypeError`.
fn text_arg(value: &Value, callee: &str, position: usize) -> PyResult<String> {
    match value {
        Value::Str(text) => Ok(text.to_string()),
        other => raise(
            TypeError,
            format!(
                "{callee}() argument {position} must be str, not {}",
                other.type_name()
            ),
        ),
    }
}

/// `now(tz=None)` and `fromtimestamp(t, tz=None)`: naive (UTC), or aware in `tz`'s zone.
fn in_zone(utc_micros: i64, tz: Option<Value>) -> PyResult<Invoked> {
    match timezone::offset_arg(tz)? {
        Some(offset) => done(aware_value(utc_micros + offset * 1_000_000, Some(offset))),
        None => done(moment_value(utc_micros, false)),
    }
}

fn now_micros(vm: &Vm) -> i64 {
    ((vm.run.recorder.origin_ms() + vm.now_ms()) * 1000.0) as i64
}

/// `datetime.now()`, `datetime.today()`, `datetime.utcnow()`, `datetime.fromtimestamp(t)`,
/// `datetime.strptime(text, format)`, `datetime.fromisoformat(text)`.
pub static DATETIME_METHODS: &[Native] = &[
    native("now", |vm, args| {
        let [tz] = args.bind("now", ["tz"], 0)?;
        in_zone(now_micros(vm), tz)
    }),
    native("today", |vm, _| done(moment_value(now_micros(vm), false))),
    native("utcnow", |vm, _| done(moment_value(now_micros(vm), false))),
    native("fromtimestamp", |_, args| {
        let [seconds, tz] = args.bind("fromtimestamp", ["t", "tz"], 1)?;
        let seconds = number(seconds.as_ref())?;
        in_zone((seconds * 1e6).round() as i64, tz)
    }),
    native("utcfromtimestamp", |_, args| {
        let seconds = number(args.expect("utcfromtimestamp", 1, 1)?.first())?;
        done(moment_value((seconds * 1e6).round() as i64, false))
    }),
    native("strptime", |_, args| {
        let given = args.expect("strptime", 2, 2)?;
        let text = text_arg(&given[0], "strptime", 1)?;
        let format = text_arg(&given[1], "strptime", 2)?;
        done(civil_value(
            datetime_parse::strptime(&text, &format)?,
            false,
            None,
        )?)
    }),
    native("fromisoformat", |_, args| from_iso(&args, false)),
];

/// `fromisoformat(text)` of a datetime or a date.
fn from_iso(args: &Args, is_date: bool) -> PyResult<Invoked> {
    let text = text_arg(&args.expect("fromisoformat", 1, 1)?[0], "fromisoformat", 1)?;
    done(civil_value(
        datetime_parse::from_iso(&text, is_date)?,
        is_date,
        None,
    )?)
}

/// `date.today()` and `date.fromisoformat(text)`.
pub static DATE_METHODS: &[Native] = &[
    native("today", |vm, _| {
        let micros = now_micros(vm);
        done(moment_value(
            micros.div_euclid(MICROS_PER_DAY) * MICROS_PER_DAY,
            true,
        ))
    }),
    native("fromisoformat", |_, args| from_iso(&args, true)),
];
