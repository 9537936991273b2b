//! `datetime.timezone`: a fixed offset from UTC (`timezone.utc`, `timezone(timedelta(hours=2))`),
//! which makes a `datetime` aware (see `datetime.rs`).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, downcast, native, no_attributes, Args, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use super::datetime::{delta_micros, delta_value};
use std::sync::Arc;

const SECONDS_PER_DAY: i64 = 86_400;

pub struct Timezone {
    pub offset_seconds: i64,
}

static TYPE: TypeDef = TypeDef {
    name: "timezone",
    methods: &[
        native("utcoffset", |_, args| {
            let zone = args.this::<Timezone>()?;
            done(delta_value(zone.offset_seconds * 1_000_000))
        }),
        native("tzname", |_, args| {
            done(Value::str(args.this::<Timezone>()?.name()))
        }),
    ],
    attribute: no_attributes,
};

impl Timezone {
    /// `UTC`, or `UTC+05:30` (with seconds when there are any).
    pub fn name(&self) -> String {
        if self.offset_seconds == 0 {
            return "UTC".to_string();
        }
        format!("UTC{}", offset_text(self.offset_seconds, true))
    }
}

/// `+05:30` (or `+0530` without `colon`, as `%z` writes it), seconds too when not zero.
pub fn offset_text(offset_seconds: i64, colon: bool) -> String {
    let sign = if offset_seconds < 0 { '-' } else { '+' };
    let magnitude = offset_seconds.abs();
    let (hours, minutes, seconds) = (magnitude / 3600, magnitude / 60 % 60, magnitude % 60);
    let separator = if colon { ":" } else { "" };
    let mut text = format!("{sign}{hours:02}{separator}{minutes:02}");
    if seconds != 0 {
        text.push_str(&format!("{separator}{seconds:02}"));
    }
    text
}

impl PyObject for Timezone {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        if self.offset_seconds == 0 {
            return "datetime.timezone.utc".to_string();
        }
        let delta = delta_value(self.offset_seconds * 1_000_000);
        format!("datetime.timezone({})", delta.repr())
    }

    fn to_str(&self) -> String {
        self.name()
    }

    fn compare_key(&self) -> Option<Value> {
        Some(Value::Int(self.offset_seconds.into()))
    }
}

/// `timezone.utc`.
pub fn utc() -> Value {
    Value::Object(Arc::new(Timezone { offset_seconds: 0 }))
}

/// `timezone(offset)`: an offset strictly within a day.
pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [offset, _name] = args.bind("timezone", ["offset", "name"], 1)?;
    let offset = offset.unwrap_or_default();
    let Some(micros) = delta_micros(&offset) else {
        return raise(
            TypeError,
            format!(
                "timezone() argument 1 must be datetime.timedelta, not {}",
                offset.type_name()
            ),
        );
    };
    if micros.abs() >= SECONDS_PER_DAY * 1_000_000 {
        return raise(
            ValueError,
            "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24).",
        );
    }
    done(Value::Object(Arc::new(Timezone {
        offset_seconds: micros.div_euclid(1_000_000),
    })))
}

/// The offset of a `tzinfo` argument, in seconds (`None`: naive).
pub fn offset_arg(value: Option<Value>) -> PyResult<Option<i64>> {
    match value {
        None | Some(Value::None) => Ok(None),
        Some(value) => match downcast::<Timezone>(&value) {
            Some(zone) => Ok(Some(zone.offset_seconds)),
            None => raise(
                TypeError,
                format!(
                    "tzinfo argument must be None or of a tzinfo subclass, not type '{}'",
                    value.type_name()
                ),
            ),
        },
    }
}

/// The `tzinfo` of an aware `datetime`.
pub fn of_offset(offset_seconds: i64) -> Value {
    Value::Object(Arc::new(Timezone { offset_seconds }))
}
