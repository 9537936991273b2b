//! Looking an item up in a list or a tuple (`in`, `index`, `count`, `remove`) compares it with
//! the items by `==`. Where an instance of a class with its own operators is among them, `==`
//! may be its `__eq__`, Python code, so the search runs as a chain of calls, going on at once
//! whenever a comparison needs none. As CPython's list does, an item is compared as
//! `items[i] == wanted`, and an item that *is* the wanted one matches without a call.

use super::super::error::PyResult;
use super::super::ir::CmpOp;
use super::super::value::{equals, same_object, Value};
use super::operators::{compare, has_operators};
use super::{Invoked, Then, Vm};

/// How much of a search is wanted.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// The first equal item's position.
    First,
    /// Every equal item's position.
    All,
}

type Finish = Box<dyn FnOnce(&mut Vm, Vec<usize>) -> PyResult<Invoked> + Send>;

struct Search {
    items: Vec<Value>,
    wanted_item: Value,
    wanted: Wanted,
    next: usize,
    found: Vec<usize>,
    finish: Finish,
}

/// The positions in `items` of the items equal to `wanted_item` (only the first, with
/// [`Wanted::First`]), given to `finish`.
pub fn positions(
    vm: &mut Vm,
    items: Vec<Value>,
    wanted_item: Value,
    wanted: Wanted,
    finish: impl FnOnce(&mut Vm, Vec<usize>) -> PyResult<Invoked> + Send + 'static,
) -> PyResult<Invoked> {
    let search = Search {
        items,
        wanted_item,
        wanted,
        next: 0,
        found: Vec::new(),
        finish: Box::new(finish),
    };
    run(vm, search)
}

fn run(vm: &mut Vm, mut search: Search) -> PyResult<Invoked> {
    while search.next < search.items.len() {
        if search.wanted == Wanted::First && !search.found.is_empty() {
            break;
        }
        let at = search.next;
        search.next += 1;
        let item = &search.items[at];
        let wanted = &search.wanted_item;
        let equal = if same_object(item, wanted) {
            true
        } else if has_operators(item) || has_operators(wanted) {
            match compare(vm, CmpOp::Eq, item.clone(), wanted.clone())? {
                Invoked::Value(answer) => answer.is_truthy(),
                pending => {
                    let then = Then::new(move |vm, answer| {
                        if answer.is_truthy() {
                            search.found.push(at);
                        }
                        run(vm, search)
                    });
                    return vm.then_after(pending, then);
                }
            }
        } else {
            equals(item, wanted)
        };
        if equal {
            search.found.push(at);
        }
    }
    (search.finish)(vm, search.found)
}
