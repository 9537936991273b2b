//! A pattern's text to its tree, with CPython's syntax (`sre_parse`) and its error messages,
//! each at its position in the pattern.

use super::{Class, ClassItem, Flags, Node};
use std::collections::HashMap;

/// A pattern that does not compile: CPython's `re.error` message, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternError {
    pub message: String,
    pub position: Option<usize>,
    /// CPython raises `OverflowError` for a repeat count past its bound, not `re.error`.
    pub overflow: bool,
}

/// A compiled pattern's tree and what it says about its groups.
#[derive(Debug)]
pub struct Parsed {
    pub root: Node,
    /// Capturing groups, without group 0.
    pub groups: usize,
    pub names: HashMap<String, usize>,
    /// The flags given and those set inline (`(?i)`).
    pub flags: Flags,
}

const REPEAT_CHARS: &str = "*+?{";
/// CPython's bound on a repeat count (`MAXREPEAT - 1` on 64-bit builds is larger; counts past
/// this are refused as CPython refuses counts past its own).
const MAX_REPEAT: usize = u32::MAX as usize - 1;

struct Parser {
    chars: Vec<char>,
    at: usize,
    flags: Flags,
    groups: usize,
    names: HashMap<String, usize>,
    /// Groups still open (for `(?P=name)` and `\1` inside their own group).
    open: Vec<usize>,
}

pub fn parse(pattern: &str, flags: Flags) -> Result<Parsed, PatternError> {
    let mut parser = Parser {
        chars: pattern.chars().collect(),
        at: 0,
        flags,
        groups: 0,
        names: HashMap::new(),
        open: Vec::new(),
    };
    parser.global_flags()?;
    let root = parser.alternation()?;
    if parser.at < parser.chars.len() {
        // Only a `)` stops an alternation at the top.
        return Err(parser.error_at("unbalanced parenthesis", parser.at));
    }
    Ok(Parsed {
        root,
        groups: parser.groups,
        names: parser.names,
        flags: parser.flags,
    })
}

impl Parser {
    fn error_at(&self, message: impl Into<String>, position: usize) -> PatternError {
        PatternError {
            message: message.into(),
            position: Some(position),
            overflow: false,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_is(&self, expected: &str) -> bool {
        let wanted: Vec<char> = expected.chars().collect();
        self.chars[self.at..].starts_with(&wanted)
    }

    fn next(&mut self) -> Option<char> {
        let char = self.peek()?;
        self.at += 1;
        Some(char)
    }

    /// In verbose mode, whitespace and `#` comments between the pattern's parts are skipped.
    fn skip_verbose(&mut self) {
        if !self.flags.verbose {
            return;
        }
        while let Some(char) = self.peek() {
            if char.is_whitespace() {
                self.at += 1;
            } else if char == '#' {
                while self.next().is_some_and(|char| char != '\n') {}
            } else {
                break;
            }
        }
    }

    /// `(?aiLmsux)` at the very start: flags for the whole pattern.
    fn global_flags(&mut self) -> Result<(), PatternError> {
        while self.peek_is("(?") {
            let start = self.at;
            let mut at = self.at + 2;
            let mut letters = Vec::new();
            while let Some(&char) = self.chars.get(at) {
                if "aiLmsux".contains(char) {
                    letters.push(char);
                    at += 1;
                } else {
                    break;
                }
            }
            if letters.is_empty() || self.chars.get(at) != Some(&')') {
                // A group of another kind, or scoped flags `(?i:…)`: the body's business.
                return Ok(());
            }
            for letter in letters {
                self.set_flag(letter, start)?;
            }
            self.at = at + 1;
        }
        Ok(())
    }

    fn set_flag(&mut self, letter: char, at: usize) -> Result<(), PatternError> {
        match letter {
            'i' => self.flags.ignore_case = true,
            'm' => self.flags.multiline = true,
            's' => self.flags.dotall = true,
            'x' => self.flags.verbose = true,
            'a' => self.flags.ascii = true,
            'u' => {}
            _ => {
                return Err(self.error_at(
                    "bad inline flags: cannot use 'L' flag with a str pattern",
                    at,
                ))
            }
        }
        Ok(())
    }

    /// `a|b|…` up to a `)` or the end.
    fn alternation(&mut self) -> Result<Node, PatternError> {
        let mut branches = vec![self.sequence()?];
        while self.peek() == Some('|') {
            self.at += 1;
            branches.push(self.sequence()?);
        }
        Ok(match branches.len() {
            1 => branches.pop().unwrap_or(Node::Empty),
            _ => Node::Alternation(branches),
        })
    }

    fn sequence(&mut self) -> Result<Node, PatternError> {
        let mut items = Vec::new();
        loop {
            self.skip_verbose();
            match self.peek() {
                None | Some('|') | Some(')') => break,
                Some(char) if REPEAT_CHARS.contains(char) && !self.is_literal_brace() => {
                    return Err(self.error_at("nothing to repeat", self.at));
                }
                _ => {}
            }
            let atom = self.atom()?;
            let item = self.repeats(atom)?;
            items.push(item);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Sequence(items),
        })
    }

    /// Whether a `{` here is a literal brace: one that starts no `{m}`, `{m,}`, `{,n}`, `{m,n}`.
    fn is_literal_brace(&self) -> bool {
        self.peek() == Some('{') && self.brace_counts().is_none()
    }

    /// The counts of a `{m,n}` here and the position after it.
    fn brace_counts(&self) -> Option<(Option<usize>, Option<usize>, usize, bool)> {
        let mut at = self.at + 1;
        let digits = |at: &mut usize| {
            let start = *at;
            while self.chars.get(*at).is_some_and(char::is_ascii_digit) {
                *at += 1;
            }
            (start < *at).then(|| self.chars[start..*at].iter().collect::<String>())
        };
        let low = digits(&mut at);
        let (high, comma) = if self.chars.get(at) == Some(&',') {
            at += 1;
            (digits(&mut at), true)
        } else {
            (low.clone(), false)
        };
        if self.chars.get(at) != Some(&'}') || (low.is_none() && !comma && high.is_none()) {
            return None;
        }
        let parse =
            |digits: Option<String>| digits.map(|digits| digits.parse().unwrap_or(usize::MAX));
        Some((parse(low), parse(high), at + 1, comma))
    }

    /// The quantifiers after an atom.
    fn repeats(&mut self, mut atom: Node) -> Result<Node, PatternError> {
        let mut repeated = false;
        loop {
            self.skip_verbose();
            let at = self.at;
            let (min, max) = match self.peek() {
                Some('*') => {
                    self.at += 1;
                    (0, None)
                }
                Some('+') => {
                    self.at += 1;
                    (1, None)
                }
                Some('?') => {
                    self.at += 1;
                    (0, Some(1))
                }
                Some('{') => match self.brace_counts() {
                    None => return Ok(atom),
                    Some((low, high, after, _)) => {
                        let min = low.unwrap_or(0);
                        if min > MAX_REPEAT || high.is_some_and(|high| high > MAX_REPEAT) {
                            return Err(PatternError {
                                message: "the repetition number is too large".into(),
                                position: None,
                                overflow: true,
                            });
                        }
                        if high.is_some_and(|high| high < min) {
                            return Err(self.error_at("min repeat greater than max repeat", at + 1));
                        }
                        self.at = after;
                        (min, high)
                    }
                },
                _ => return Ok(atom),
            };
            if repeated {
                return Err(self.error_at("multiple repeat", at));
            }
            if matches!(atom, Node::Empty) || atom.is_anchor() {
                return Err(self.error_at("nothing to repeat", at));
            }
            let greedy = if self.peek() == Some('?') {
                self.at += 1;
                false
            } else if self.peek() == Some('+') {
                return Err(self.error_at(
                    "possessive quantifiers are outside threadplay's subset",
                    self.at,
                ));
            } else {
                true
            };
            atom = Node::Repeat {
                node: Box::new(atom),
                min,
                max,
                greedy,
            };
            repeated = true;
        }
    }

    fn atom(&mut self) -> Result<Node, PatternError> {
        let start = self.at;
        let Some(char) = self.next() else {
            return Ok(Node::Empty);
        };
        Ok(match char {
            '.' => Node::Any,
            '^' => Node::Start,
            '$' => Node::End,
            '[' => Node::Class(self.class(start)?),
            '(' => self.group(start)?,
            '\\' => self.escape(start)?,
            char => Node::Char(char),
        })
    }

    fn group(&mut self, start: usize) -> Result<Node, PatternError> {
        let mut capture = true;
        let mut name = None;
        if self.peek() == Some('?') {
            self.at += 1;
            match self.next() {
                Some(':') => capture = false,
                Some('P') => match self.next() {
                    Some('<') => name = Some(self.group_name('>')?),
                    Some('=') => {
                        let name_at = self.at;
                        let name = self.group_name(')')?;
                        let Some(&group) = self.names.get(&name) else {
                            return Err(
                                self.error_at(format!("unknown group name '{name}'"), name_at)
                            );
                        };
                        if self.open.contains(&group) {
                            return Err(self.error_at("cannot refer to an open group", start));
                        }
                        return Ok(Node::Backreference(group));
                    }
                    Some(other) => {
                        return Err(self.error_at(format!("unknown extension ?P{other}"), start + 1))
                    }
                    None => return Err(self.error_at("unexpected end of pattern", self.at)),
                },
                Some(ahead @ ('=' | '!')) => {
                    let node = self.group_body(start)?;
                    return Ok(Node::Look {
                        behind: false,
                        negated: ahead == '!',
                        node: Box::new(node),
                    });
                }
                Some('<') => match self.next() {
                    Some(kind @ ('=' | '!')) => {
                        let node = self.group_body(start)?;
                        if node.width().is_none() {
                            return Err(PatternError {
                                message: "look-behind requires fixed-width pattern".into(),
                                position: None,
                                overflow: false,
                            });
                        }
                        return Ok(Node::Look {
                            behind: true,
                            negated: kind == '!',
                            node: Box::new(node),
                        });
                    }
                    _ => return Err(self.error_at("unknown extension ?<", start + 1)),
                },
                Some('#') => {
                    while let Some(char) = self.next() {
                        if char == ')' {
                            return Ok(Node::Empty);
                        }
                    }
                    return Err(self.error_at("missing ), unterminated comment", start));
                }
                Some(char) if "aiLmsux-".contains(char) => {
                    self.at -= 1;
                    return self.scoped_flags(start);
                }
                Some('>') => {
                    return Err(
                        self.error_at("atomic groups (?>…) are outside threadplay's subset", start)
                    )
                }
                Some('(') => {
                    return Err(self.error_at(
                        "conditional groups (?(…)…) are outside threadplay's subset",
                        start,
                    ))
                }
                Some(other) => {
                    return Err(self.error_at(format!("unknown extension ?{other}"), start + 1))
                }
                None => return Err(self.error_at("unexpected end of pattern", self.at)),
            }
        }
        if !capture {
            return self.group_body(start);
        }
        self.groups += 1;
        let index = self.groups;
        if let Some(name) = name {
            if let Some(earlier) = self.names.insert(name.clone(), index) {
                return Err(self.error_at(
                    format!(
                        "redefinition of group name '{name}' as group {index}; was group {earlier}"
                    ),
                    start + 4,
                ));
            }
        }
        self.open.push(index);
        let body = self.group_body(start)?;
        self.open.pop();
        Ok(Node::Group(index, Box::new(body)))
    }

    /// `(?i:…)`, `(?-i:…)`: flags for the group's part of the pattern.
    fn scoped_flags(&mut self, start: usize) -> Result<Node, PatternError> {
        let mut flags = self.flags;
        let mut on = true;
        let mut turned_off = 0;
        loop {
            let at = self.at;
            if !on && "imsx".contains(self.peek().unwrap_or(' ')) {
                turned_off += 1;
            }
            match self.next() {
                Some('-') if on => on = false,
                Some(':') if !on && turned_off == 0 => {
                    return Err(self.error_at("missing flag", at))
                }
                Some('i') => flags.ignore_case = on,
                Some('m') => flags.multiline = on,
                Some('s') => flags.dotall = on,
                Some('x') => flags.verbose = on,
                Some('a') if on => flags.ascii = true,
                Some('u') if on => {}
                Some('a' | 'u' | 'L') if !on => {
                    return Err(self.error_at(
                        "bad inline flags: cannot turn off flags 'a', 'u' and 'L'",
                        self.at,
                    ))
                }
                Some('L') => {
                    return Err(self.error_at(
                        "bad inline flags: cannot use 'L' flag with a str pattern",
                        at,
                    ))
                }
                Some(':') => break,
                Some(')') if on => {
                    return Err(
                        self.error_at("global flags not at the start of the expression", start)
                    )
                }
                Some(')') => return Err(self.error_at("missing :", at)),
                Some(_) => return Err(self.error_at("unknown flag", at)),
                None => return Err(self.error_at("missing -, : or )", at)),
            }
        }
        let outer = std::mem::replace(&mut self.flags, flags);
        let body = self.group_body(start);
        self.flags = outer;
        Ok(Node::Scoped {
            flags,
            node: Box::new(body?),
        })
    }

    /// A group's alternation and its `)`.
    fn group_body(&mut self, start: usize) -> Result<Node, PatternError> {
        let body = self.alternation()?;
        if self.next() != Some(')') {
            return Err(self.error_at("missing ), unterminated subpattern", start));
        }
        Ok(body)
    }

    fn group_name(&mut self, end: char) -> Result<String, PatternError> {
        let start = self.at;
        let mut name = String::new();
        loop {
            match self.next() {
                None => return Err(self.error_at("missing group name", start)),
                Some(char) if char == end => break,
                Some(char) => name.push(char),
            }
        }
        if name.is_empty() {
            return Err(self.error_at("missing group name", start));
        }
        let mut chars = name.chars();
        let valid = chars
            .next()
            .is_some_and(|first| first.is_alphabetic() || first == '_')
            && chars.all(|char| char.is_alphanumeric() || char == '_');
        if !valid {
            return Err(self.error_at(format!("bad character in group name '{name}'"), start));
        }
        Ok(name)
    }

    fn class(&mut self, start: usize) -> Result<Class, PatternError> {
        let negated = self.peek() == Some('^');
        if negated {
            self.at += 1;
        }
        let mut items = Vec::new();
        let mut first = true;
        loop {
            let item_at = self.at;
            let Some(char) = self.next() else {
                return Err(self.error_at("unterminated character set", start));
            };
            let low = match char {
                ']' if !first => break,
                '\\' => match self.class_escape(item_at)? {
                    Err(item) => {
                        if self.peek() == Some('-')
                            && self.chars.get(self.at + 1).is_some_and(|&next| next != ']')
                        {
                            let end = (self.at + 2).min(self.chars.len());
                            let text: String = self.chars[item_at..end].iter().collect();
                            return Err(
                                self.error_at(format!("bad character range {text}"), item_at)
                            );
                        }
                        items.push(item);
                        first = false;
                        continue;
                    }
                    Ok(char) => char,
                },
                char => char,
            };
            first = false;
            if self.peek() == Some('-')
                && self.chars.get(self.at + 1).is_some_and(|&next| next != ']')
            {
                self.at += 1;
                let high_at = self.at;
                let high = match self.next() {
                    Some('\\') => match self.class_escape(high_at)? {
                        Ok(char) => char,
                        Err(_) => {
                            let text: String = self.chars[item_at..self.at].iter().collect();
                            return Err(
                                self.error_at(format!("bad character range {text}"), item_at)
                            );
                        }
                    },
                    Some(char) => char,
                    None => return Err(self.error_at("unterminated character set", start)),
                };
                if high < low {
                    let text: String = self.chars[item_at..self.at].iter().collect();
                    return Err(self.error_at(format!("bad character range {text}"), item_at));
                }
                items.push(ClassItem::Range(low, high));
            } else {
                items.push(ClassItem::Range(low, low));
            }
        }
        Ok(Class { negated, items })
    }

    /// An escape inside `[…]`: a character, or a class (`\d`) as `Err`.
    fn class_escape(&mut self, start: usize) -> Result<Result<char, ClassItem>, PatternError> {
        let Some(char) = self.next() else {
            return Err(self.error_at("bad escape (end of pattern)", start));
        };
        if let Some(item) = class_of_escape(char) {
            return Ok(Err(item));
        }
        if char == 'b' {
            return Ok(Ok('\u{8}'));
        }
        self.character_escape(char, start).map(Ok)
    }

    fn escape(&mut self, start: usize) -> Result<Node, PatternError> {
        let Some(char) = self.next() else {
            return Err(self.error_at("bad escape (end of pattern)", start));
        };
        if let Some(item) = class_of_escape(char) {
            return Ok(Node::Class(Class {
                negated: false,
                items: vec![item],
            }));
        }
        match char {
            'A' => return Ok(Node::StringStart),
            'Z' => return Ok(Node::StringEnd),
            'b' => return Ok(Node::Boundary(true)),
            'B' => return Ok(Node::Boundary(false)),
            '1'..='9' => {
                // A group's number, unless three octal digits make a character.
                let mut digits = String::from(char);
                if self.peek().is_some_and(|next| next.is_ascii_digit()) {
                    let second = self.peek().unwrap_or('0');
                    let third = self.chars.get(self.at + 1).copied();
                    if char <= '7'
                        && second <= '7'
                        && third.is_some_and(|third| ('0'..='7').contains(&third))
                    {
                        self.at += 2;
                        let octal = format!("{char}{second}{}", third.unwrap_or('0'));
                        return self.octal(&octal, start).map(Node::Char);
                    }
                    digits.push(second);
                    self.at += 1;
                }
                let group: usize = digits.parse().unwrap_or(usize::MAX);
                if group > self.groups {
                    let message = format!("invalid group reference {group}");
                    return Err(self.error_at(message, start + 1));
                }
                if self.open.contains(&group) {
                    return Err(self.error_at("cannot refer to an open group", start));
                }
                return Ok(Node::Backreference(group));
            }
            _ => {}
        }
        self.character_escape(char, start).map(Node::Char)
    }

    /// `\n`, `\x41`, `\u00e9`, `\0`, `\.`…: the character it stands for.
    fn character_escape(&mut self, char: char, start: usize) -> Result<char, PatternError> {
        if let Some(control) = super::control_escape(char) {
            return Ok(control);
        }
        Ok(match char {
            'x' => self.hex_escape(2, start)?,
            'u' => self.hex_escape(4, start)?,
            'U' => self.hex_escape(8, start)?,
            '0' => {
                let mut octal = String::from("0");
                while octal.len() < 3 && self.peek().is_some_and(|next| ('0'..='7').contains(&next))
                {
                    octal.push(self.next().unwrap_or('0'));
                }
                self.octal(&octal, start)?
            }
            'N' => return Err(self.error_at("\\N{…} names are outside threadplay's subset", start)),
            char if char.is_ascii_alphanumeric() => {
                return Err(self.error_at(format!("bad escape \\{char}"), start))
            }
            char => char,
        })
    }

    fn hex_escape(&mut self, digits: usize, start: usize) -> Result<char, PatternError> {
        let hex: String = self.chars[self.at..]
            .iter()
            .take(digits)
            .take_while(|char| char.is_ascii_hexdigit())
            .collect();
        if hex.len() < digits {
            let kind = self.chars[start + 1];
            return Err(self.error_at(format!("incomplete escape \\{kind}{hex}"), start));
        }
        self.at += digits;
        let end = self.at;
        let code = u32::from_str_radix(&hex, 16).unwrap_or(u32::MAX);
        char::from_u32(code).ok_or_else(|| {
            let shown: String = self.chars[start..end].iter().collect();
            self.error_at(format!("bad escape {shown}"), start)
        })
    }

    fn octal(&self, digits: &str, start: usize) -> Result<char, PatternError> {
        let code = u32::from_str_radix(digits, 8).unwrap_or(u32::MAX);
        if code > 0o377 {
            return Err(self.error_at(
                format!("octal escape value \\{digits} outside of range 0-0o377"),
                start,
            ));
        }
        Ok(char::from_u32(code).unwrap_or('\0'))
    }
}

/// `\d`, `\w`, `\s` and their opposites.
fn class_of_escape(char: char) -> Option<ClassItem> {
    Some(match char {
        'd' => ClassItem::Digit(true),
        'D' => ClassItem::Digit(false),
        'w' => ClassItem::Word(true),
        'W' => ClassItem::Word(false),
        's' => ClassItem::Space(true),
        'S' => ClassItem::Space(false),
        _ => return None,
    })
}
