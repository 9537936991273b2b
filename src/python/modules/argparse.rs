//! `argparse`: `ArgumentParser` and `Namespace`. A program here is run without command-line
//! arguments, so `parse_args()` gives the defaults; a list passed to it is parsed as CPython
//! parses one. The formatter classes are names to pass as `formatter_class`.

use super::super::error::{raise, ExceptionKind::*};
use super::super::registry::{native, ModuleDef};
use super::super::types::{argument_parser, namespace};

pub static MODULE: ModuleDef = ModuleDef {
    name: "argparse",
    functions: &[
        native("ArgumentParser", argument_parser::new),
        native("Namespace", namespace::new_arguments),
        native("HelpFormatter", formatter),
        native("ArgumentDefaultsHelpFormatter", formatter),
        native("RawDescriptionHelpFormatter", formatter),
        native("RawTextHelpFormatter", formatter),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

fn formatter(
    _: &mut super::super::vm::Vm,
    _: super::super::registry::Args,
) -> super::super::error::PyResult<super::super::vm::Invoked> {
    raise(
        TypeError,
        "threadplay's help formatters are names for ArgumentParser(formatter_class=...)",
    )
}
