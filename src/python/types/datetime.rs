//! `datetime.datetime`, `datetime.date` and `datetime.timedelta`, in microseconds. Times are
//! naive and UTC, as the page's clock is.

use super::super::calendar::{epoch_ms_of, strftime, time_fields};
use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::ir::BinOp;
use super::super::registry::{done, downcast, native, Args, Native, PyObject, TypeDef};
use super::super::value::{as_int, Int, Value};
use super::super::vm::{Invoked, Vm};
use std::sync::Arc;

const MICROS_PER_DAY: i64 = 86_400_000_000;

/// A moment: `datetime` (or `date`, a day's start).
pub struct Moment {
    micros: i64,
    is_date: bool,
}

pub struct Delta {
    micros: i64,
}

static DATETIME: TypeDef = TypeDef {
    name: "datetime",
    methods: &[
        native("strftime", |_, args| {
            let format = args.expect("strftime", 1, 1)?[0].to_str();
            done(Value::str(strftime(&format, this(&args)?.epoch_ms())))
        }),
        native("isoformat", |_, args| {
            let moment = this(&args)?;
            args.expect("isoformat", 0, 0)?;
            done(Value::str(moment.text('T')))
        }),
        native("weekday", |_, args| {
            args.expect("weekday", 0, 0)?;
            done(Value::Int(this(&args)?.fields()[6].into()))
        }),
        native("timestamp", |_, args| {
            args.expect("timestamp", 0, 0)?;
            done(Value::Float(this(&args)?.micros as f64 / 1e6))
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
    Value::Object(Arc::new(Moment { micros, is_date }))
}

fn delta_value(micros: i64) -> Value {
    Value::Object(Arc::new(Delta { micros }))
}

/// `f"{moment:%H:%M}"`: a `datetime` or `date` formats with its spec as `strftime` does.
pub fn formatted(value: &Value, spec: &str) -> Option<String> {
    let moment = downcast::<Moment>(value)?;
    Some(strftime(spec, moment.epoch_ms()))
}

impl Moment {
    fn epoch_ms(&self) -> f64 {
        self.micros as f64 / 1000.0
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
        format!(
            "{date}{separator}{}",
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
        let parts: Vec<String> = parts.iter().map(i64::to_string).collect();
        format!("datetime.datetime({})", parts.join(", "))
    }

    fn binary(&self, op: BinOp, other: &Value, reflected: bool) -> Option<PyResult<Value>> {
        if let Some(delta) = downcast::<Delta>(other) {
            return match (op, reflected) {
                (BinOp::Add, _) => Some(Ok(moment_value(self.micros + delta.micros, self.is_date))),
                (BinOp::Sub, false) => {
                    Some(Ok(moment_value(self.micros - delta.micros, self.is_date)))
                }
                _ => None,
            };
        }
        let other = downcast::<Moment>(other)?;
        match (op, reflected) {
            (BinOp::Sub, false) => Some(Ok(delta_value(self.micros - other.micros))),
            (BinOp::Sub, true) => Some(Ok(delta_value(other.micros - self.micros))),
            _ => None,
        }
    }

    fn compare_key(&self) -> Option<Value> {
        Some(Value::Int(self.micros.into()))
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
pub fn new(args: Args, is_date: bool) -> PyResult<Invoked> {
    let name = if is_date { "date" } else { "datetime" };
    let given = args.expect(name, 3, if is_date { 3 } else { 7 })?;
    let mut fields = [0i64; 7];
    for (at, value) in given.iter().enumerate() {
        fields[at] =
            as_int(value).map_or_else(|| raise(TypeError, "an integer is required"), Ok)? as i64;
    }
    if !(1..=12).contains(&fields[1]) {
        return raise(ValueError, "month must be in 1..12");
    }
    if !(1..=31).contains(&fields[2]) {
        return raise(ValueError, "day is out of range for month");
    }
    let epoch_ms = epoch_ms_of(&[
        fields[0], fields[1], fields[2], fields[3], fields[4], fields[5],
    ]);
    done(moment_value(epoch_ms as i64 * 1000 + fields[6], is_date))
}

fn now_micros(vm: &Vm) -> i64 {
    ((vm.run.recorder.origin_ms() + vm.now_ms()) * 1000.0) as i64
}

/// `datetime.now()`, `datetime.today()`, `datetime.utcnow()`, `datetime.fromtimestamp(t)`.
pub static DATETIME_METHODS: &[Native] = &[
    native("now", |vm, _| done(moment_value(now_micros(vm), false))),
    native("today", |vm, _| done(moment_value(now_micros(vm), false))),
    native("utcnow", |vm, _| done(moment_value(now_micros(vm), false))),
    native("fromtimestamp", |_, args| {
        let seconds = number(args.expect("fromtimestamp", 1, 2)?.first())?;
        done(moment_value((seconds * 1e6).round() as i64, false))
    }),
    native("utcfromtimestamp", |_, args| {
        let seconds = number(args.expect("utcfromtimestamp", 1, 1)?.first())?;
        done(moment_value((seconds * 1e6).round() as i64, false))
    }),
];

/// `date.today()`.
pub static DATE_METHODS: &[Native] = &[native("today", |vm, _| {
    let micros = now_micros(vm);
    done(moment_value(
        micros.div_euclid(MICROS_PER_DAY) * MICROS_PER_DAY,
        true,
    ))
})];
