//! `string`: its constants, which programs use to make or check text
//! (`random.choice(string.ascii_letters)`), and `Template`.

use super::super::registry::{done, native, Constant, ModuleDef};
use super::super::types::str::capitalized;
use super::super::types::template;
use super::super::value::Value;

// Macros, not consts, so that `concat!` can build the longer constants from them.
macro_rules! lowercase {
    () => {
        "abcdefghijklmnopqrstuvwxyz"
    };
}
macro_rules! uppercase {
    () => {
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    };
}
macro_rules! digits {
    () => {
        "0123456789"
    };
}
macro_rules! punctuation {
    () => {
        r##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##
    };
}
macro_rules! whitespace {
    () => {
        " \t\n\r\x0b\x0c"
    };
}

pub static MODULE: ModuleDef = ModuleDef {
    name: "string",
    functions: &[
        native("Template", template::new),
        // `capwords(s, sep=None)`: each word capitalized, joined by `sep` (or one space, the
        // words split at runs of whitespace).
        native("capwords", |_, args| {
            let [text, sep] = args.bind("capwords", ["s", "sep"], 1)?;
            let text = text.unwrap_or_default().to_str();
            let capitalize =
                |words: Vec<&str>| words.into_iter().map(capitalized).collect::<Vec<_>>();
            let joined = match sep.filter(|sep| !matches!(sep, Value::None)) {
                Some(sep) => {
                    let sep = sep.to_str();
                    capitalize(text.split(sep.as_str()).collect()).join(&sep)
                }
                None => capitalize(text.split_whitespace().collect()).join(" "),
            };
            done(Value::str(joined))
        }),
    ],
    exceptions: &[],
    constants: &[
        (
            "ascii_letters",
            Constant::Str(concat!(lowercase!(), uppercase!())),
        ),
        ("ascii_lowercase", Constant::Str(lowercase!())),
        ("ascii_uppercase", Constant::Str(uppercase!())),
        ("digits", Constant::Str(digits!())),
        (
            "hexdigits",
            Constant::Str(concat!(digits!(), "abcdefABCDEF")),
        ),
        ("octdigits", Constant::Str("01234567")),
        ("punctuation", Constant::Str(punctuation!())),
        ("whitespace", Constant::Str(whitespace!())),
        (
            "printable",
            Constant::Str(concat!(
                digits!(),
                lowercase!(),
                uppercase!(),
                punctuation!(),
                whitespace!()
            )),
        ),
    ],
    submodules: &[],
};
