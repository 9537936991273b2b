//! Regular expressions as Python's `re` reads and runs them: its syntax and error messages
//! (`parse.rs`), and a backtracking matcher (`matcher.rs`) that tries alternatives and
//! repeats in the order CPython's `sre` does, so a match, its groups and `findall`'s list are
//! CPython's. Positions are in characters, as Python's are. Platform-free: `modules/re.rs`
//! makes it the `re` module.

mod matcher;
mod parse;

pub use matcher::{Anchor, Found, Limit};
pub use parse::PatternError;
use std::collections::HashMap;

/// The flags a pattern is compiled with (`re.I | re.M`, or `(?im)` in it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    pub ignore_case: bool,
    pub multiline: bool,
    pub dotall: bool,
    pub verbose: bool,
    pub ascii: bool,
}

impl Flags {
    /// CPython's values: `re.I` is 2, `re.M` 8, `re.S` 16, `re.X` 64, `re.A` 256; a str
    /// pattern is also `re.U` (32) unless ASCII.
    pub const IGNORECASE: i64 = 2;
    pub const MULTILINE: i64 = 8;
    pub const DOTALL: i64 = 16;
    pub const UNICODE: i64 = 32;
    pub const VERBOSE: i64 = 64;
    pub const ASCII: i64 = 256;

    pub fn from_bits(bits: i64) -> Flags {
        Flags {
            ignore_case: bits & Self::IGNORECASE != 0,
            multiline: bits & Self::MULTILINE != 0,
            dotall: bits & Self::DOTALL != 0,
            verbose: bits & Self::VERBOSE != 0,
            ascii: bits & Self::ASCII != 0,
        }
    }

    /// As `Pattern.flags` gives them.
    pub fn bits(self) -> i64 {
        let bit = |on: bool, value: i64| if on { value } else { 0 };
        bit(self.ignore_case, Self::IGNORECASE)
            | bit(self.multiline, Self::MULTILINE)
            | bit(self.dotall, Self::DOTALL)
            | bit(self.verbose, Self::VERBOSE)
            | if self.ascii {
                Self::ASCII
            } else {
                Self::UNICODE
            }
    }
}

/// What `\n`, `\t`, `\r`, `\f`, `\v` and `\a` stand for, in a pattern and in a replacement
/// template.
pub fn control_escape(letter: char) -> Option<char> {
    Some(match letter {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        'f' => '\u{c}',
        'v' => '\u{b}',
        'a' => '\u{7}',
        _ => return None,
    })
}

/// A pattern's parts.
#[derive(Debug)]
pub enum Node {
    Empty,
    Char(char),
    /// `.`
    Any,
    Class(Class),
    /// `^`
    Start,
    /// `$`
    End,
    /// `\A`
    StringStart,
    /// `\Z`
    StringEnd,
    /// `\b` (true) and `\B`.
    Boundary(bool),
    /// A capturing group, by its number.
    Group(usize, Box<Node>),
    /// `\1`, `(?P=name)`.
    Backreference(usize),
    /// `(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`.
    Look {
        behind: bool,
        negated: bool,
        node: Box<Node>,
    },
    Repeat {
        node: Box<Node>,
        min: usize,
        max: Option<usize>,
        greedy: bool,
    },
    Sequence(Vec<Node>),
    Alternation(Vec<Node>),
    /// `(?i:…)`: its own flags.
    Scoped {
        flags: Flags,
        node: Box<Node>,
    },
}

impl Node {
    /// How many characters it always matches, if always the same (a look-behind's must be).
    fn width(&self) -> Option<usize> {
        match self {
            Node::Empty | Node::Look { .. } => Some(0),
            Node::Char(_) | Node::Any | Node::Class(_) => Some(1),
            Node::Group(_, node) | Node::Scoped { node, .. } => node.width(),
            Node::Backreference(_) => None,
            Node::Repeat { node, min, max, .. } => match (node.width()?, max) {
                (0, _) => Some(0),
                (width, Some(max)) if max == min => Some(width * min),
                _ => None,
            },
            Node::Sequence(items) => items.iter().map(Node::width).sum(),
            Node::Alternation(branches) => {
                let first = branches.first()?.width()?;
                branches
                    .iter()
                    .all(|branch| branch.width() == Some(first))
                    .then_some(first)
            }
            // The anchors (`is_anchor`): places.
            _ => Some(0),
        }
    }

    /// `^`, `$`, `\A`, `\Z`, `\b`, `\B`: a place, which nothing may repeat.
    fn is_anchor(&self) -> bool {
        matches!(
            self,
            Node::Start | Node::End | Node::StringStart | Node::StringEnd | Node::Boundary(_)
        )
    }

    /// Whether it matches exactly one character with no groups: its repeats need no
    /// backtracking into it.
    fn is_single(&self) -> bool {
        matches!(self, Node::Char(_) | Node::Any | Node::Class(_))
    }
}

/// `[…]` and `\d`, `\w`, `\s`.
#[derive(Debug)]
pub struct Class {
    pub negated: bool,
    pub items: Vec<ClassItem>,
}

#[derive(Debug)]
pub enum ClassItem {
    Range(char, char),
    /// `\d` (true) or `\D`.
    Digit(bool),
    Word(bool),
    Space(bool),
}

/// A compiled pattern.
#[derive(Debug)]
pub struct Regex {
    root: Node,
    pub groups: usize,
    pub names: HashMap<String, usize>,
    pub flags: Flags,
}

impl Regex {
    pub fn new(pattern: &str, flags: Flags) -> Result<Regex, PatternError> {
        let parsed = parse::parse(pattern, flags)?;
        Ok(Regex {
            root: parsed.root,
            groups: parsed.groups,
            names: parsed.names,
            flags: parsed.flags,
        })
    }

    /// The group names by number, in number order.
    pub fn names_in_order(&self) -> Vec<(usize, &str)> {
        let mut names: Vec<(usize, &str)> = self
            .names
            .iter()
            .map(|(name, &group)| (group, name.as_str()))
            .collect();
        names.sort_unstable();
        names
    }
}
