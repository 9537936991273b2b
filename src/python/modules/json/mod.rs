//! `json`: `dumps` (`indent`, `sort_keys`, `separators`, `ensure_ascii`) and `loads`, as
//! CPython writes and reads JSON text (`encode.rs`, `decode.rs`), and `dump` and `load`, to
//! and from a text file (`open()`'s or a `StringIO`). No `default=` (which would call the
//! program's function).

mod decode;
mod encode;

use super::super::error::{raise, ExceptionKind, ExceptionKind::*, PyResult};
use super::super::registry::{done, downcast, native, Args, ModuleDef};
use super::super::types::text_file::TextFile;
use super::super::value::{as_int, Value};
use encode::Encoder;
use std::sync::Arc;

pub static MODULE: ModuleDef = ModuleDef {
    name: "json",
    functions: &[
        native("dumps", |_, args| done(Value::str(dumps(args, "dumps")?))),
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
        native("dump", |_, mut args| {
            if args.positional.len() < 2 {
                args.expect("dump", 2, 2)?;
            }
            let file = text_file(&args.positional.remove(1), "write")?;
            file.write_text(&dumps(args, "dump")?)?;
            done(Value::None)
        }),
        native("load", |_, args| {
            let file = text_file(&args.expect("load", 1, 1)?[0], "read")?;
            done(decode::loads(&file.read_all()?)?)
        }),
    ],
    exceptions: &[ExceptionKind::JSONDecodeError],
    constants: &[],
    submodules: &[],
};

/// The file `dump` writes to or `load` reads from. CPython calls the `write` or `read` of
/// any object; threadplay's are its files' (a program's own class is refused with a message).
fn text_file(value: &Value, method: &str) -> PyResult<Arc<TextFile>> {
    if let Some(file) = downcast::<TextFile>(value) {
        return Ok(file);
    }
    if let Value::Instance(_) = value {
        return raise(
            TypeError,
            format!("threadplay's json {method}s files from open() or io.StringIO only"),
        );
    }
    raise(
        AttributeError,
        format!("'{}' object has no attribute '{method}'", value.type_name()),
    )
}

/// The JSON text of `dumps(obj, **options)` (and `dump`'s, once its file is taken out).
fn dumps(mut args: Args, callee: &str) -> PyResult<String> {
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
    let given = args.expect(callee, 1, 1)?;
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
    Ok(out)
}
