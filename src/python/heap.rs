//! A binary min-heap on a list, as CPython's `heapq` keeps it (the same sifts, so items with
//! equal keys come out in CPython's order): `heapq` and `queue.PriorityQueue` use it. Each
//! sift makes its comparisons before it moves anything, so one that fails (or stops to ask a
//! class's `__lt__`, see `vm/asked.rs`) leaves the heap as it was.

use super::error::PyResult;
use super::value::{order, Value};

fn less(a: &Value, b: &Value) -> PyResult<bool> {
    Ok(order(a, b)?.is_lt())
}

/// Moves the item at `pos` up towards `start` past its larger parents.
fn sift_down(heap: &mut [Value], start: usize, pos: usize) -> PyResult<()> {
    let mut path = vec![pos];
    while let Some(&at) = path.last() {
        if at <= start {
            break;
        }
        let parent = (at - 1) >> 1;
        if !less(&heap[pos], &heap[parent])? {
            break;
        }
        path.push(parent);
    }
    rotate_along(heap, &path);
    Ok(())
}

/// The item at the path's start goes to its end, each other one a step back along it.
fn rotate_along(heap: &mut [Value], path: &[usize]) {
    let Some((&first, rest)) = path.split_first() else {
        return;
    };
    let item = heap[first].clone();
    let mut hole = first;
    for &at in rest {
        heap[hole] = heap[at].clone();
        hole = at;
    }
    heap[hole] = item;
}

/// Moves the smaller child up from `pos` to a leaf, then the item there back up.
fn sift_up(heap: &mut [Value], pos: usize) -> PyResult<()> {
    let end = heap.len();
    let mut path = vec![pos];
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end && !less(&heap[child], &heap[right])? {
            child = right;
        }
        path.push(child);
        child = 2 * child + 1;
    }
    // Once the children moved up, the parent of `path[i]` holds what was at `path[i]`: the
    // item goes back up past those larger than it.
    let item = &heap[pos];
    let mut stop = path.len() - 1;
    while stop > 0 && less(item, &heap[path[stop]])? {
        stop -= 1;
    }
    rotate_along(heap, &path[..=stop]);
    Ok(())
}

pub fn push(heap: &mut Vec<Value>, item: Value) -> PyResult<()> {
    heap.push(item);
    let last = heap.len() - 1;
    sift_down(heap, 0, last).inspect_err(|_| {
        heap.pop();
    })
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
    if let Err(error) = sift_up(heap, 0) {
        let last = std::mem::replace(&mut heap[0], smallest);
        heap.push(last);
        return Err(error);
    }
    Ok(Some(smallest))
}

/// Makes a heap of the list; on failure, the list is as it was.
pub fn heapify(heap: &mut [Value]) -> PyResult<()> {
    let mut copy = heap.to_vec();
    for pos in (0..copy.len() / 2).rev() {
        sift_up(&mut copy, pos)?;
    }
    heap.clone_from_slice(&copy);
    Ok(())
}
