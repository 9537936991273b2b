//! Tasks start in submission order, as a thread-pool executor starts them; a split range
//! (`into_par_iter`) would start tasks 1 and 4 first on two threads.
mod common;

use threadplay::event::EventKind;

#[test]
fn tasks_start_in_submission_order() {
    let (events, _) = common::run(6, 2, 20, 2);
    assert_eq!(
        common::tasks_in_order(&events, EventKind::Start),
        [1, 2, 3, 4, 5, 6]
    );
}

#[test]
fn the_first_round_is_the_first_tasks() {
    let (events, _) = common::run(4, 1, 50, 2);
    let first_end = events
        .iter()
        .find(|event| event.kind == EventKind::End)
        .expect("an end")
        .t_ms;
    let first_round: Vec<u32> = events
        .iter()
        .filter(|event| event.kind == EventKind::Start && event.t_ms < first_end)
        .map(|event| event.task)
        .collect();
    assert_eq!(first_round, [1, 2]);
}
