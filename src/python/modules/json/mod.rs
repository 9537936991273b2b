//! `json`: `dumps` (`indent`, `sort_keys`, `separators`, `ensure_ascii`) and `loads`, as
//! CPython writes and reads JSON text (`encode.rs`, `decode.rs`). No files: `dump` and
//! `load` are not there, nor `default=` (which would call the program's function).

mod decode;
mod encode;

use super::super::error::{raise, ExceptionKind, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, Args, ModuleDef};
use super::super::value::{as_int, Value};
use super::super::vm::Invoked;
use encode::Encoder;

pub static MODULE: ModuleDef = ModuleDef {
    name: "json",
    functions: &[
        native("dumps", |_, args| dumps(args)),
        native("loads", |_, args| {
            let given = args.expect("loads", 1, 1)?;
            let Value::Str(text) = &given[0] else {
                return raise(
                    TypeError,
                    format!(
                        "the JSON object must be str, bytes or bytearray, not {}",
                        given[0].type_name()
                    ),
                );
            };
            done(decode::loads(text)?)
        }),
    ],
    exceptions: &[ExceptionKind::JSONDecodeError],
    constants: &[],
    submodules: &[],
};

fn dumps(mut args: Args) -> PyResult<Invoked> {
    if args.keyword("default").is_some() {
        return raise(
            TypeError,
            "threadplay's json.dumps() takes no default= (it would call the program's function)",
        );
    }
    let indent = args.keyword("indent");
    let sort_keys = args.keyword("sort_keys").is_some_and(|v| v.is_truthy());
    let ensure_ascii = args.keyword("ensure_ascii").is_none_or(|v| v.is_truthy());
    let separators = args.keyword("separators");
    let given = args.expect("dumps", 1, 1)?;
    let indent = match &indent {
        None | Some(Value::None) => None,
        Some(Value::Str(text)) => Some(text.to_string()),
        Some(other) => Some(" ".repeat(as_int(other).unwrap_or(0).max(0) as usize)),
    };
    let (item, key) = match &separators {
        Some(Value::Tuple(pair)) if pair.len() == 2 => (pair[0].to_str(), pair[1].to_str()),
        _ if indent.is_some() => (",".into(), ": ".into()),
        _ => (", ".into(), ": ".into()),
    };
    let encoder = Encoder {
        indent,
        sort_keys,
        ensure_ascii,
        item_separator: item,
        key_separator: key,
    };
    let mut out = String::new();
    encoder.encode(&given[0], 0, &mut out)?;
    done(Value::str(out))
}
