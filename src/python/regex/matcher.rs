//! The backtracking matcher. Each part is matched with what must follow it as a continuation,
//! so alternatives and repeat counts are tried in CPython's order (greedy: most first; lazy:
//! fewest first), and a group's span set by a branch that fails is put back. A repeat of one
//! character (`\w+`, `.*?`, `[^,]*`) is counted in a loop, without recursion; other repeats
//! recurse once per repetition, within `MAX_STACK_BYTES` of the worker's stack. A search gives
//! up past `MAX_STEPS`: a pattern that backtracks without end would hold its worker, where
//! Stop cannot reach it.

use super::{Class, ClassItem, Flags, Node, Regex};

const MAX_STEPS: u64 = 100_000_000;
/// The stack a match may take: the pool's wasm workers have about 1 MB.
const MAX_STACK_BYTES: usize = 512 * 1024;

/// Where a match must start and end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Anywhere from the start position on (`search`).
    Search,
    /// At the start position (`match`).
    Start,
    /// At the start position, through the end (`fullmatch`).
    Whole,
}

/// A match: each group's span in characters (`None`: the group took no part), group 0 the
/// whole match's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub spans: Vec<Option<(usize, usize)>>,
}

/// A search that went past the matcher's limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Steps,
    Stack,
}

type Next<'n> = &'n mut dyn FnMut(&mut Matcher, usize) -> bool;

struct Matcher<'t> {
    text: &'t [char],
    flags: Flags,
    spans: Vec<Option<(usize, usize)>>,
    steps: u64,
    /// Where the search's stack began.
    stack_base: usize,
    exceeded: Option<Limit>,
}

/// Where the stack is now: the address of a local (the stack grows down, natively and in
/// wasm's linear memory).
#[inline(always)]
fn stack_address() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

impl Regex {
    /// The first match in `text` (the string up to `endpos`) starting at `start` or after it.
    pub fn find(
        &self,
        text: &[char],
        start: usize,
        anchor: Anchor,
    ) -> Result<Option<Found>, Limit> {
        self.find_advancing(text, start, anchor, false)
    }

    /// The matches `findall`, `finditer`, `sub` and `split` go through, at most `limit`: each
    /// search starts where the last match ended, and after an empty match the next may not be
    /// empty at the same place (CPython 3.7's rule: `re.sub('x*', '-', 'abxd')` is
    /// `'-a-b--d-'`).
    pub fn find_each(
        &self,
        text: &[char],
        start: usize,
        limit: usize,
    ) -> Result<Vec<Found>, Limit> {
        let mut found = Vec::new();
        let (mut at, mut must_advance) = (start, false);
        while found.len() < limit && at <= text.len() {
            let Some(next) = self.find_advancing(text, at, Anchor::Search, must_advance)? else {
                break;
            };
            let (start, end) = next.spans[0].unwrap_or((at, at));
            must_advance = start == end;
            at = end;
            found.push(next);
        }
        Ok(found)
    }

    /// `find`, where with `must_advance` a match at `start` may not be empty.
    fn find_advancing(
        &self,
        text: &[char],
        start: usize,
        anchor: Anchor,
        must_advance: bool,
    ) -> Result<Option<Found>, Limit> {
        let mut matcher = Matcher {
            text,
            flags: self.flags,
            spans: vec![None; self.groups + 1],
            steps: 0,
            stack_base: stack_address(),
            exceeded: None,
        };
        let first = first_char(&self.root).filter(|_| !self.flags.ignore_case);
        let last_start = if anchor == Anchor::Search {
            text.len()
        } else {
            start.min(text.len())
        };
        let mut at = start;
        while at <= last_start {
            if let Some(first) = first {
                match text[at..].iter().position(|&char| char == first) {
                    Some(offset) if anchor == Anchor::Search || offset == 0 => at += offset,
                    _ => return Ok(None),
                }
            }
            matcher.spans.iter_mut().for_each(|span| *span = None);
            let matched = matcher.node(&self.root, at, &mut |matcher, end| {
                if anchor == Anchor::Whole && end != matcher.text.len() {
                    return false;
                }
                if must_advance && at == start && end == at {
                    return false;
                }
                matcher.spans[0] = Some((at, end));
                true
            });
            if let Some(limit) = matcher.exceeded {
                return Err(limit);
            }
            if matched {
                return Ok(Some(Found {
                    spans: matcher.spans,
                }));
            }
            at += 1;
        }
        Ok(None)
    }
}

/// The character every match starts with, if the pattern says (for skipping ahead).
fn first_char(node: &Node) -> Option<char> {
    match node {
        Node::Char(char) => Some(*char),
        Node::Group(_, node) => first_char(node),
        Node::Sequence(items) => first_char(items.first()?),
        Node::Repeat { node, min, .. } if *min > 0 => first_char(node),
        _ => None,
    }
}

impl Matcher<'_> {
    fn node(&mut self, node: &Node, at: usize, next: Next) -> bool {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            self.exceeded = Some(Limit::Steps);
        } else if self.stack_base.saturating_sub(stack_address()) > MAX_STACK_BYTES {
            self.exceeded = Some(Limit::Stack);
        }
        if self.exceeded.is_some() {
            // Unwinds at once: the search reports the limit, not this answer.
            return true;
        }
        self.node_at(node, at, next)
    }

    fn node_at(&mut self, node: &Node, at: usize, next: Next) -> bool {
        let text = self.text;
        match node {
            Node::Empty => next(self, at),
            Node::Char(_) | Node::Any | Node::Class(_) => {
                at < text.len() && self.single(node, text[at]) && next(self, at + 1)
            }
            Node::Start => {
                (at == 0 || (self.flags.multiline && text[at - 1] == '\n')) && next(self, at)
            }
            Node::End => {
                let at_end = at == text.len()
                    || (at + 1 == text.len() && text[at] == '\n')
                    || (self.flags.multiline && text[at] == '\n');
                at_end && next(self, at)
            }
            Node::StringStart => at == 0 && next(self, at),
            Node::StringEnd => at == text.len() && next(self, at),
            Node::Boundary(wanted) => {
                let before = at > 0 && self.is_word(text[at - 1]);
                let after = at < text.len() && self.is_word(text[at]);
                ((before != after) == *wanted) && next(self, at)
            }
            Node::Group(index, body) => {
                let index = *index;
                self.node(body, at, &mut |matcher, end| {
                    let earlier = matcher.spans[index].replace((at, end));
                    next(matcher, end) || {
                        matcher.spans[index] = earlier;
                        false
                    }
                })
            }
            Node::Backreference(index) => {
                let Some((start, end)) = self.spans[*index] else {
                    return false;
                };
                let length = end - start;
                let fits = at + length <= text.len()
                    && (0..length).all(|offset| self.same(text[start + offset], text[at + offset]));
                fits && next(self, at + length)
            }
            Node::Look {
                behind,
                negated,
                node,
            } => self.look(*behind, *negated, node, at, next),
            Node::Sequence(items) => self.sequence(items, at, next),
            Node::Scoped { flags, node } => {
                let (inner, outer) = (*flags, self.flags);
                self.flags = inner;
                let matched = self.node(node, at, &mut |matcher, end| {
                    matcher.flags = outer;
                    let matched = next(matcher, end);
                    matcher.flags = inner;
                    matched
                });
                self.flags = outer;
                matched
            }
            Node::Alternation(branches) => {
                branches.iter().any(|branch| self.node(branch, at, next))
            }
            Node::Repeat {
                node,
                min,
                max,
                greedy,
            } if node.is_single() => {
                self.repeat_single(node, *min, max.unwrap_or(usize::MAX), *greedy, at, next)
            }
            Node::Repeat {
                node,
                min,
                max,
                greedy,
            } => {
                let repeat = Repeat {
                    node,
                    min: *min,
                    max: max.unwrap_or(usize::MAX),
                    greedy: *greedy,
                };
                self.repeat(&repeat, 0, at, next)
            }
        }
    }

    fn sequence(&mut self, items: &[Node], at: usize, next: Next) -> bool {
        match items.split_first() {
            None => next(self, at),
            Some((first, rest)) => self.node(first, at, &mut |matcher, after| {
                matcher.sequence(rest, after, next)
            }),
        }
    }

    fn look(&mut self, behind: bool, negated: bool, node: &Node, at: usize, next: Next) -> bool {
        let start = match behind {
            // The parser made sure it has a width.
            true => match at.checked_sub(node.width().unwrap_or(0)) {
                Some(start) => start,
                None => return negated && next(self, at),
            },
            false => at,
        };
        let before = self.spans.clone();
        let found = self.node(node, start, &mut |_, _| true);
        if self.exceeded.is_some() {
            return true;
        }
        if found == negated {
            self.spans = before;
            return false;
        }
        // A positive look keeps the groups it set, as CPython's does.
        next(self, at) || {
            self.spans = before;
            false
        }
    }

    /// `x*`, `x+?`, `x{2,5}` of a one-character `x`: counted, then tried from the most (greedy)
    /// or the fewest.
    fn repeat_single(
        &mut self,
        node: &Node,
        min: usize,
        max: usize,
        greedy: bool,
        at: usize,
        next: Next,
    ) -> bool {
        let text = self.text;
        let matches_at = |matcher: &Self, offset: usize| {
            at + offset < text.len() && matcher.single(node, text[at + offset])
        };
        if greedy {
            let mut count = 0;
            while count < max && matches_at(self, count) {
                count += 1;
            }
            if count < min {
                return false;
            }
            (min..=count).rev().any(|taken| {
                self.steps += 1;
                next(self, at + taken)
            })
        } else {
            let mut taken = 0;
            while taken < min {
                if !matches_at(self, taken) {
                    return false;
                }
                taken += 1;
            }
            loop {
                self.steps += 1;
                if next(self, at + taken) || self.exceeded.is_some() {
                    return true;
                }
                if taken >= max || !matches_at(self, taken) {
                    return false;
                }
                taken += 1;
            }
        }
    }

    /// Any other repeat: one repetition more, then what follows, in the order its greed says.
    fn repeat(&mut self, repeat: &Repeat, count: usize, at: usize, next: Next) -> bool {
        if count < repeat.min {
            return self.once_more(repeat, count, at, next);
        }
        let may_repeat = count < repeat.max;
        if !repeat.greedy && next(self, at) {
            return true;
        }
        if may_repeat && self.once_more(repeat, count, at, next) {
            return true;
        }
        repeat.greedy && next(self, at)
    }

    /// Repetition `count + 1`, then the rest of the repeat. One past the minimum that matched
    /// nothing ends the repeat there, its groups kept (`sre`'s zero-width protection: `(a*)*b`
    /// on `aab` leaves the group empty), or `(a*)*` would never end.
    fn once_more(&mut self, repeat: &Repeat, count: usize, at: usize, next: Next) -> bool {
        self.node(repeat.node, at, &mut |matcher, after| {
            if count < repeat.min || after != at {
                matcher.repeat(repeat, count + 1, after, next)
            } else {
                next(matcher, after)
            }
        })
    }

    fn single(&self, node: &Node, char: char) -> bool {
        match node {
            Node::Char(expected) => self.same(*expected, char),
            Node::Any => self.flags.dotall || char != '\n',
            Node::Class(class) => self.in_class(class, char),
            _ => false,
        }
    }

    fn same(&self, left: char, right: char) -> bool {
        left == right || (self.flags.ignore_case && lower(left) == lower(right))
    }

    fn in_class(&self, class: &Class, char: char) -> bool {
        let found = |char: char| class.items.iter().any(|item| self.item(item, char));
        let found =
            found(char) || (self.flags.ignore_case && (found(lower(char)) || found(upper(char))));
        found != class.negated
    }

    fn item(&self, item: &ClassItem, char: char) -> bool {
        match *item {
            ClassItem::Range(low, high) => (low..=high).contains(&char),
            ClassItem::Digit(wanted) => self.is_digit(char) == wanted,
            ClassItem::Word(wanted) => self.is_word(char) == wanted,
            ClassItem::Space(wanted) => self.is_space(char) == wanted,
        }
    }

    fn is_word(&self, char: char) -> bool {
        match self.flags.ascii {
            true => char.is_ascii_alphanumeric() || char == '_',
            false => char.is_alphanumeric() || char == '_',
        }
    }

    fn is_digit(&self, char: char) -> bool {
        char.is_ascii_digit() || (!self.flags.ascii && !char.is_ascii() && char.is_numeric())
    }

    fn is_space(&self, char: char) -> bool {
        match self.flags.ascii {
            true => matches!(char, ' ' | '\t' | '\n' | '\r' | '\u{b}' | '\u{c}'),
            false => char.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&char),
        }
    }
}

/// A repeat of more than one character (or of a group).
struct Repeat<'n> {
    node: &'n Node,
    min: usize,
    max: usize,
    greedy: bool,
}

fn lower(char: char) -> char {
    let mut lowered = char.to_lowercase();
    match (lowered.next(), lowered.next()) {
        (Some(single), None) => single,
        _ => char,
    }
}

fn upper(char: char) -> char {
    let mut uppered = char.to_uppercase();
    match (uppered.next(), uppered.next()) {
        (Some(single), None) => single,
        _ => char,
    }
}
