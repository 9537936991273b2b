//! `string`: its constants, which programs use to make or check text
//! (`random.choice(string.ascii_letters)`), and `Template`.

use super::super::registry::{native, Constant, ModuleDef};
use super::super::types::template;

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
    functions: &[native("Template", template::new)],
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
