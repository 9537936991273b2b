//! A binary min-heap on a list, as CPython's `heapq` keeps it (the same sifts, so items with
//! equal keys come out in CPython's order): `heapq` and `queue.PriorityQueue` use it.

use super::error::PyResult;
use super::value::{order, Value};

fn less(a: &Value, b: &Value) -> PyResult<bool> {
    Ok(order(a, b)?.is_lt())
}

/// Moves the item at `pos` up towards `start` past its larger parents.
fn sift_down(heap: &mut [Value], start: usize, mut pos: usize) -> PyResult<()> {
    let item = heap[pos].clone();
    while pos > start {
        let parent = (pos - 1) >> 1;
        if less(&item, &heap[parent])? {
            heap[pos] = heap[parent].clone();
            pos = parent;
            continue;
        }
        break;
    }
    heap[pos] = item;
    Ok(())
}

/// Moves the smaller child up from `pos` to a leaf, then the item there back up.
fn sift_up(heap: &mut [Value], mut pos: usize) -> PyResult<()> {
    let (end, start) = (heap.len(), pos);
    let item = heap[pos].clone();
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end && !less(&heap[child], &heap[right])? {
            child = right;
        }
        heap[pos] = heap[child].clone();
        pos = child;
        child = 2 * pos + 1;
    }
    heap[pos] = item;
    sift_down(heap, start, pos)
}

pub fn push(heap: &mut Vec<Value>, item: Value) -> PyResult<()> {
    heap.push(item);
    let last = heap.len() - 1;
    sift_down(heap, 0, last)
}

/// The smallest item, taken out; `None` if the heap is empty.
pub fn pop(heap: &mut Vec<Value>) -> PyResult<Option<Value>> {
    let Some(last) = heap.pop() else {
        return Ok(None);
    };
    if heap.is_empty() {
        return Ok(Some(last));
    }
    let smallest = std::mem::replace(&mut heap[0], last);
    sift_up(heap, 0)?;
    Ok(Some(smallest))
}

pub fn heapify(heap: &mut [Value]) -> PyResult<()> {
    for pos in (0..heap.len() / 2).rev() {
        sift_up(heap, pos)?;
    }
    Ok(())
}
