//! Python threads as data, workers as the machine: the scheduler hands runnable threads to
//! the pool's workers (M:N). A thread that sleeps or waits is parked here, off any worker, until
//! a timer or another thread wakes it, so a pool of two runs a thousand sleepers at once.
//!
//! Each process is a domain with its own ready queue. Under the GIL a domain runs one thread at
//! a time (the GIL is this policy, not a lock a worker blocks on); without it, as many as there
//! are workers. A running thread hands its worker over at a switch interval when another
//! thread of its domain is ready, and at every blocking call.

use super::error::{Exception, PyResult};
use super::park::Parker;
use super::value::Value;
use super::vm::PyThread;
use crate::event::lock;
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::sync::Mutex;

pub type ThreadId = u64;

/// How long an idle worker sleeps at most before it looks for a stop.
const STOP_CHECK_MS: f64 = 20.0;

/// How many threads at the front of a ready queue a worker looks through for one that last
/// ran on it (so a thread tends to stay on its worker, as OS threads do).
const AFFINITY_WINDOW: usize = 4;

/// The right to wake a thread from one wait. Only the first wake (or the wait's timeout)
/// counts, so a lock can hand itself to the first waiter that is still waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waker {
    thread: ThreadId,
    wait: u64,
}

/// A thread's request to be parked: until woken through the waker for `wait`, or until
/// `until_ms` (on the run's clock), when `on_timeout` says what happens.
pub struct Block {
    pub wait: Waker,
    pub until_ms: Option<f64>,
    pub on_timeout: OnTimeout,
}

/// What a wait that times out does.
pub enum OnTimeout {
    /// The thread resumes with this.
    Resume(PyResult<Value>),
    /// The thread stays parked on a new wait, which this hands on: a condition's waiter goes
    /// back in line for its lock, and returns once it holds it.
    Then(HandOn),
    /// A thread not yet started (a process's, while it is forked) starts.
    Start,
}

/// Hands a timed-out thread's new wait on (see [`OnTimeout::Then`]).
pub type HandOn = Box<dyn FnOnce(&Scheduler, Waker) + Send>;

impl From<PyResult<Value>> for OnTimeout {
    fn from(result: PyResult<Value>) -> Self {
        OnTimeout::Resume(result)
    }
}

/// How a thread's turn on a worker ended.
pub enum Exit {
    /// It used its time slice and another thread wants the worker (or the GIL).
    Yield,
    Block(Block),
    Finished,
}

/// Why the run is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunEnd {
    /// Every non-daemon thread has ended.
    Done,
    Stopped,
    /// Every thread waits for another and no timer can wake any of them.
    Deadlock,
}

/// What a worker should do next.
pub enum Next {
    Run(Box<PyThread>),
    /// Nothing to run: sleep at most this long.
    Idle(f64),
    Over,
}

pub struct Scheduler {
    state: Mutex<State>,
    parkers: Vec<Parker>,
}

#[derive(Default)]
struct State {
    domains: Vec<Domain>,
    /// How many threads have been made ready: each ready thread's place in one line across
    /// domains, so processes take turns in the order their threads became ready.
    readied: u64,
    parked: HashMap<ThreadId, Parked>,
    timers: BinaryHeap<Reverse<Timer>>,
    /// The wait each thread may be woken from, if any.
    open_waits: HashMap<ThreadId, u64>,
    /// Wakes that came before their thread was parked, by the wait they ended.
    early: HashMap<ThreadId, (u64, PyResult<Value>)>,
    next_wait: u64,
    next_thread: ThreadId,
    running: usize,
    /// Threads not ended, daemons apart: the run ends when none is left.
    live: usize,
    live_daemons: usize,
    idle_workers: Vec<usize>,
    /// Workers woken for a thread that last ran on them: other workers leave it to them.
    reserved: Vec<bool>,
    end: Option<RunEnd>,
}

impl State {
    /// A new thread is one more to end before the run does (unless it is a daemon).
    fn count_live(&mut self, thread: &PyThread) {
        if thread.is_daemon() {
            self.live_daemons += 1;
        } else {
            self.live += 1;
        }
    }
}

struct Domain {
    ready: VecDeque<Ready>,
    running: usize,
    /// 1 under the GIL.
    capacity: usize,
}

struct Ready {
    /// When it became ready, counted in `State::readied`.
    since: u64,
    thread: Box<PyThread>,
}

struct Parked {
    thread: Box<PyThread>,
    on_timeout: OnTimeout,
}

struct Timer {
    at_ms: f64,
    wait: Waker,
}

impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Timer {}

impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timer {
    /// Earlier first; among equal times, the earlier wait (the earlier sleeper).
    fn cmp(&self, other: &Self) -> Ordering {
        self.at_ms
            .total_cmp(&other.at_ms)
            .then(self.wait.wait.cmp(&other.wait.wait))
    }
}

impl Scheduler {
    pub fn new(workers: usize) -> Self {
        Self {
            state: Mutex::new(State {
                reserved: vec![false; workers],
                ..State::default()
            }),
            parkers: (0..workers).map(|_| Parker::default()).collect(),
        }
    }

    /// A new domain (a process), running one thread at a time if it has a GIL.
    pub fn add_domain(&self, has_gil: bool) -> usize {
        let mut state = lock(&self.state);
        state.domains.push(Domain {
            ready: VecDeque::new(),
            running: 0,
            capacity: if has_gil { 1 } else { usize::MAX },
        });
        state.domains.len() - 1
    }

    pub fn new_thread_id(&self) -> ThreadId {
        let mut state = lock(&self.state);
        state.next_thread += 1;
        state.next_thread
    }

    /// A thread becomes runnable for the first time.
    pub fn spawn(&self, thread: Box<PyThread>) {
        let mut state = lock(&self.state);
        state.count_live(&thread);
        self.make_ready(&mut state, thread);
    }

    /// A thread becomes runnable for the first time at `at_ms` on the run's clock (a process's
    /// first thread, once the process has started).
    pub fn spawn_at(&self, thread: Box<PyThread>, at_ms: f64) {
        let mut state = lock(&self.state);
        state.count_live(&thread);
        state.next_wait += 1;
        let wait = Waker {
            thread: thread.id,
            wait: state.next_wait,
        };
        state.open_waits.insert(thread.id, wait.wait);
        state.timers.push(Reverse(Timer { at_ms, wait }));
        let on_timeout = OnTimeout::Start;
        state
            .parked
            .insert(thread.id, Parked { thread, on_timeout });
    }

    /// Opens a wait for `thread`: whoever holds the waker may end it.
    pub fn new_waker(&self, thread: ThreadId) -> Waker {
        let mut state = lock(&self.state);
        state.next_wait += 1;
        let wait = state.next_wait;
        state.open_waits.insert(thread, wait);
        Waker { thread, wait }
    }

    /// Ends the wait `waker` opened, resuming its thread with `result`; false if the wait
    /// already ended (woken by someone else, or timed out).
    pub fn wake(&self, waker: Waker, result: PyResult<Value>) -> bool {
        let mut state = lock(&self.state);
        if state.open_waits.get(&waker.thread) != Some(&waker.wait) {
            return false;
        }
        state.open_waits.remove(&waker.thread);
        match state.parked.remove(&waker.thread) {
            Some(parked) => {
                let mut thread = parked.thread;
                thread.resume = Some(result);
                self.make_ready(&mut state, thread);
            }
            None => {
                state.early.insert(waker.thread, (waker.wait, result));
            }
        }
        true
    }

    /// Whether the wait `waker` opened is still open: not ended, nor replaced by a newer wait
    /// of its thread.
    pub fn is_open(&self, waker: Waker) -> bool {
        lock(&self.state).open_waits.get(&waker.thread) == Some(&waker.wait)
    }

    /// Ends the wait `waker` opened without resuming its thread (it was never parked).
    pub fn cancel(&self, waker: Waker) {
        let mut state = lock(&self.state);
        if state.open_waits.get(&waker.thread) == Some(&waker.wait) {
            state.open_waits.remove(&waker.thread);
        }
    }

    /// What `worker` should do next, at `now_ms` on the run's clock.
    pub fn next(&self, worker: usize, now_ms: f64) -> Next {
        self.fire_timers(now_ms);
        let mut state = lock(&self.state);
        state.idle_workers.retain(|&idle| idle != worker);
        state.reserved[worker] = false;
        if state.end.is_some() {
            return Next::Over;
        }
        // The domain whose first ready thread has waited longest goes first: with fewer
        // workers than processes, a late worker then runs them in the order their timers
        // fired, not in an order of its own.
        let mut order: Vec<(u64, usize)> = state
            .domains
            .iter()
            .enumerate()
            .filter(|(_, domain)| domain.running < domain.capacity)
            .filter_map(|(index, domain)| Some((domain.ready.front()?.since, index)))
            .collect();
        order.sort_unstable();
        for (_, index) in order {
            let reserved = &state.reserved;
            let domain = &state.domains[index];
            // Its own thread first; else one whose last worker is not coming for it.
            let window = || domain.ready.iter().take(AFFINITY_WINDOW).enumerate();
            let own = window().find(|(_, ready)| ready.thread.last_worker == Some(worker));
            let free = || {
                window().find(|(_, ready)| {
                    ready
                        .thread
                        .last_worker
                        .is_none_or(|last| last == worker || !reserved[last])
                })
            };
            let Some((at, _)) = own.or_else(free) else {
                continue;
            };
            let domain = &mut state.domains[index];
            let Some(Ready { thread, .. }) = domain.ready.remove(at) else {
                continue;
            };
            domain.running += 1;
            state.running += 1;
            return Next::Run(thread);
        }
        state.idle_workers.push(worker);
        let until_timer = state
            .timers
            .peek()
            .map_or(STOP_CHECK_MS, |Reverse(timer)| timer.at_ms - now_ms);
        Next::Idle(until_timer.clamp(0.0, STOP_CHECK_MS))
    }

    /// Takes back a thread whose turn ended.
    pub fn put_back(&self, mut thread: Box<PyThread>, exit: Exit, now_ms: f64) {
        let mut state = lock(&self.state);
        state.running -= 1;
        state.domains[thread.domain()].running -= 1;
        match exit {
            Exit::Yield => {
                // A thread that gave way goes behind the others with no worker of its own:
                // else the worker it left would take it back first ("its own thread") ahead
                // of the thread it gave way to, which under the GIL could then wait forever.
                thread.last_worker = None;
                self.make_ready(&mut state, thread)
            }
            Exit::Block(block) => {
                let id = thread.id;
                let early = state.early.remove(&id);
                if thread.process.is_terminated() {
                    // Its process was ended while it ran: it ends instead of waiting.
                    state.open_waits.remove(&id);
                    thread.resume = Some(Err(Exception::terminated()));
                    self.make_ready(&mut state, thread);
                } else if let Some((_, result)) = early.filter(|(wait, _)| *wait == block.wait.wait)
                {
                    thread.resume = Some(result);
                    self.make_ready(&mut state, thread);
                } else {
                    if let Some(at_ms) = block.until_ms {
                        state.timers.push(Reverse(Timer {
                            at_ms,
                            wait: block.wait,
                        }));
                    }
                    let on_timeout = block.on_timeout;
                    state.parked.insert(id, Parked { thread, on_timeout });
                }
            }
            Exit::Finished => {
                if thread.is_daemon() {
                    state.live_daemons -= 1;
                } else {
                    state.live -= 1;
                }
                if state.live == 0 {
                    self.end(&mut state, RunEnd::Done);
                }
            }
        }
        drop(state);
        self.fire_timers(now_ms);
        let mut state = lock(&self.state);
        // A domain whose running thread stepped aside may have a ready one for an idle worker.
        self.wake_idle_workers(&mut state);
        let stuck = state.running == 0
            && state.timers.is_empty()
            && state.domains.iter().all(|domain| domain.ready.is_empty())
            && !state.parked.is_empty();
        if stuck && state.end.is_none() {
            self.end(&mut state, RunEnd::Deadlock);
        }
    }

    /// Whether a thread of `domain` that has had its time slice should hand its worker over:
    /// another of the domain's threads is ready, or the run is over (a daemon thread still
    /// computing when the others have ended). Due timers are fired first, so a sleeper's
    /// wake-up is noticed even when every worker is busy.
    pub fn should_yield(&self, domain: usize, now_ms: f64) -> bool {
        self.fire_timers(now_ms);
        let mut state = lock(&self.state);
        self.wake_idle_workers(&mut state);
        state.end.is_some() || !state.domains[domain].ready.is_empty()
    }

    /// Ends the waits of `domain`'s parked threads, whose process was terminated: each resumes
    /// with the error that unwinds it.
    pub fn end_waits_of(&self, domain: usize) {
        let mut state = lock(&self.state);
        let parked: Vec<ThreadId> = state
            .parked
            .iter()
            .filter(|(_, parked)| parked.thread.domain() == domain)
            .map(|(&id, _)| id)
            .collect();
        for id in parked {
            state.open_waits.remove(&id);
            if let Some(Parked { mut thread, .. }) = state.parked.remove(&id) {
                thread.resume = Some(Err(Exception::terminated()));
                self.make_ready(&mut state, thread);
            }
        }
    }

    /// Ends the run for a stop: every worker leaves at its next look.
    pub fn stop(&self) {
        let mut state = lock(&self.state);
        if state.end.is_none() {
            self.end(&mut state, RunEnd::Stopped);
        }
    }

    pub fn end_reason(&self) -> Option<RunEnd> {
        lock(&self.state).end
    }

    pub fn park(&self, worker: usize, timeout_ms: f64) {
        self.parkers[worker].park(timeout_ms);
    }

    fn end(&self, state: &mut State, reason: RunEnd) {
        state.end = Some(reason);
        for parker in &self.parkers {
            parker.unpark();
        }
    }

    fn make_ready(&self, state: &mut State, thread: Box<PyThread>) {
        let domain = thread.domain();
        let preferred = thread.last_worker;
        state.readied += 1;
        let since = state.readied;
        state.domains[domain]
            .ready
            .push_back(Ready { since, thread });
        let domain = &state.domains[domain];
        if domain.running < domain.capacity {
            self.wake_a_worker(state, preferred);
        }
    }

    /// Wakes an idle worker, the one the thread last ran on if it is idle.
    fn wake_a_worker(&self, state: &mut State, preferred: Option<usize>) {
        let at = preferred
            .and_then(|worker| state.idle_workers.iter().position(|&idle| idle == worker))
            .or((!state.idle_workers.is_empty()).then_some(0));
        if let Some(at) = at {
            let worker = state.idle_workers.swap_remove(at);
            state.reserved[worker] = preferred == Some(worker);
            self.parkers[worker].unpark();
        }
    }

    /// Wakes as many idle workers as there are threads ready to run on them.
    fn wake_idle_workers(&self, state: &mut State) {
        let runnable: usize = state
            .domains
            .iter()
            .map(|domain| {
                domain
                    .ready
                    .len()
                    .min(domain.capacity.saturating_sub(domain.running))
            })
            .sum();
        for _ in 0..runnable.min(state.idle_workers.len()) {
            self.wake_a_worker(state, None);
        }
    }

    /// Resumes the threads whose wait timed out, earliest first, or hands them on (see
    /// [`OnTimeout::Then`]) once the state is unlocked.
    fn fire_timers(&self, now_ms: f64) {
        let mut hooks: Vec<(HandOn, Waker)> = Vec::new();
        {
            let mut state = lock(&self.state);
            while let Some(Reverse(timer)) = state.timers.peek() {
                if timer.at_ms > now_ms {
                    break;
                }
                let wait = timer.wait;
                state.timers.pop();
                if state.open_waits.get(&wait.thread) != Some(&wait.wait) {
                    continue;
                }
                state.open_waits.remove(&wait.thread);
                let Some(parked) = state.parked.remove(&wait.thread) else {
                    continue;
                };
                match parked.on_timeout {
                    OnTimeout::Resume(result) => {
                        let mut thread = parked.thread;
                        thread.resume = Some(result);
                        self.make_ready(&mut state, thread);
                    }
                    OnTimeout::Start => self.make_ready(&mut state, parked.thread),
                    OnTimeout::Then(hook) => {
                        state.next_wait += 1;
                        let next = Waker {
                            thread: wait.thread,
                            wait: state.next_wait,
                        };
                        state.open_waits.insert(wait.thread, next.wait);
                        let on_timeout = OnTimeout::Resume(Ok(Value::None));
                        let thread = parked.thread;
                        state
                            .parked
                            .insert(wait.thread, Parked { thread, on_timeout });
                        hooks.push((hook, next));
                    }
                }
            }
        }
        for (hook, waker) in hooks {
            hook(self, waker);
        }
    }
}
