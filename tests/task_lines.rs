//! Each task prints its lines in order, on one worker, and the events' times never go back.
mod common;

use threadplay::event::EventKind;

#[test]
fn each_task_prints_its_iterations_in_order_on_one_worker() {
    let (events, _) = common::run(4, 5, 5, 2);
    for task in 1..=4 {
        let task_events: Vec<_> = events.iter().filter(|event| event.task == task).collect();
        let kinds: Vec<_> = task_events.iter().map(|event| event.kind).collect();
        let mut expected = vec![EventKind::Start];
        for _ in 0..5 {
            expected.extend([EventKind::Line, EventKind::Sleep]);
        }
        expected.push(EventKind::End);
        assert_eq!(kinds, expected, "task {task}");
        let iterations: Vec<_> = task_events
            .iter()
            .filter_map(|event| event.iteration)
            .collect();
        assert_eq!(iterations, [0, 1, 2, 3, 4], "task {task}");
        assert!(
            task_events
                .iter()
                .all(|event| event.worker == task_events[0].worker),
            "task {task} moved between workers"
        );
        assert_eq!(
            task_events[1].text().as_deref(),
            Some(format!("Task {task} - Iteration 0").as_str())
        );
    }
}

#[test]
fn events_arrive_in_time_order_across_threads() {
    let (events, _) = common::run(8, 20, 0, 4);
    assert_eq!(events.len(), 8 * 22);
    assert!(events.windows(2).all(|pair| pair[0].t_ms <= pair[1].t_ms));
}
