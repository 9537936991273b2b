//! `queue`.

use super::super::error::ExceptionKind;
use super::super::registry::{native, ModuleDef};
use super::super::types::queue::{self, Order};

pub static MODULE: ModuleDef = ModuleDef {
    name: "queue",
    functions: &[
        native("Queue", |_, args| queue::new(args, Order::Fifo, false)),
        native("LifoQueue", |_, args| queue::new(args, Order::Lifo, false)),
        native("PriorityQueue", |_, args| {
            queue::new(args, Order::Priority, false)
        }),
        native("SimpleQueue", |_, args| queue::new(args, Order::Fifo, true)),
    ],
    exceptions: &[ExceptionKind::QueueEmpty, ExceptionKind::QueueFull],
    constants: &[],
    submodules: &[],
};
