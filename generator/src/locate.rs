//! The line and column of JSON pointers in the spec text, for error messages.
//!
//! `serde_yaml::Value` keeps no positions, so this reads the text once more as a stream of YAML
//! events (with libyaml, the parser `serde_yaml` itself runs on), following the path of each node,
//! and notes the position of every node a pointer asks for: in one pass for any number of
//! pointers. The node of a mapping entry is found at its key (`maxLength:`), where an editor shows
//! the entry; a sequence item at the item itself.

use std::collections::HashMap;
use std::mem::MaybeUninit;
#[allow(clippy::unsafe_removed_from_name)] // `sys`: the raw bindings, as in serde_yaml.
use unsafe_libyaml as sys;

pub use crate::error::Position;

/// The 1-based line of the node at `pointer` (see [`locate`]).
pub fn line_of(text: &str, pointer: &str) -> Option<usize> {
    locate(text, pointer).map(|p| p.line)
}

/// The position of the node at `pointer` (`#/paths/~1ping/get`): of its key when it is a mapping
/// entry, else of the node; of its nearest ancestor that exists when it does not. `None` when the
/// pointer is not a `#/` pointer or the text has no node on its path.
pub fn locate(text: &str, pointer: &str) -> Option<Position> {
    locate_all(text, &[pointer]).pop().flatten()
}

/// [`locate`] for each of `pointers`, reading the text once.
pub fn locate_all(text: &str, pointers: &[&str]) -> Vec<Option<Position>> {
    // Every pointer and its ancestors, by their text: the nodes whose position may be needed.
    let mut wanted: HashMap<String, Option<Position>> = HashMap::new();
    for pointer in pointers {
        let mut at = *pointer;
        if !(at == "#" || at.starts_with("#/")) {
            continue;
        }
        loop {
            wanted.insert(at.to_string(), None);
            match at.rfind('/') {
                Some(i) => at = &at[..i],
                None => break,
            }
        }
    }
    if !wanted.is_empty() {
        walk(text, &mut wanted);
    }
    pointers
        .iter()
        .map(|pointer| {
            let mut at = *pointer;
            loop {
                if let Some(Some(found)) = wanted.get(at) {
                    return Some(*found);
                }
                at = &at[..at.rfind('/')?];
            }
        })
        .collect()
}

/// One event of the YAML stream: what [`walk`] needs of it.
enum Event {
    /// A scalar (its text) or an alias (`None`): a node without children.
    Leaf(Option<String>),
    MappingStart,
    SequenceStart,
    /// The end of a mapping or a sequence.
    End,
    /// The end of the first document, or an error: stop.
    Stop,
    /// Stream and document starts.
    Other,
}

/// Where the walk is inside a mapping or a sequence.
enum Frame {
    /// A mapping: the key of the value being read, if a key was read.
    Map { key: Option<String> },
    /// A sequence: the index of the next item.
    Seq { index: usize },
}

/// Walks the first document of `text`, filling in the position of each node of `wanted`.
fn walk(text: &str, wanted: &mut HashMap<String, Option<Position>>) {
    let mut stack: Vec<Frame> = Vec::new();
    // The pointer of the node being read.
    let mut path = String::from("#");
    // For each open mapping or sequence: the length of its parent's pointer, and whether it is
    // a key (a mapping or a sequence used as a key: skipped as the key `?`).
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut found = |pointer: &str, position: Position| {
        if let Some(slot @ None) = wanted.get_mut(pointer) {
            *slot = Some(position);
        }
    };
    events(text, |event, position| {
        let container = matches!(event, Event::MappingStart | Event::SequenceStart);
        if !matches!(event, Event::Leaf(_)) && !container {
            return match event {
                Event::End => {
                    stack.pop();
                    let (len, was_key) = open.pop().unwrap_or_default();
                    path.truncate(len);
                    // The parent moves on: to the value after a key, or to its next entry.
                    match stack.last_mut() {
                        Some(Frame::Map { .. }) if was_key => true,
                        Some(Frame::Map { key }) => {
                            *key = None;
                            true
                        }
                        Some(Frame::Seq { index }) => {
                            *index += 1;
                            true
                        }
                        None => false,
                    }
                }
                Event::Stop => false,
                _ => true,
            };
        }
        // A node: a key, a mapping value, a sequence item or the root.
        let parent_len = path.len();
        let mut is_key = false;
        match stack.last_mut() {
            Some(Frame::Map { key: key @ None }) => {
                // A key: found at its own position, as the entry it opens.
                let text = match &event {
                    Event::Leaf(Some(text)) => text.clone(),
                    _ => "?".to_string(),
                };
                path.push('/');
                path.push_str(&crate::error::pointer_token(&text));
                found(&path, position);
                *key = Some(text);
                is_key = true;
            }
            Some(Frame::Map { key: Some(key) }) => {
                // A value: its entry was found at the key.
                path.push('/');
                path.push_str(&crate::error::pointer_token(key));
            }
            Some(Frame::Seq { index }) => {
                path.push('/');
                path.push_str(&index.to_string());
                found(&path, position);
            }
            None => found(&path, position),
        }
        match event {
            Event::MappingStart => stack.push(Frame::Map { key: None }),
            Event::SequenceStart => stack.push(Frame::Seq { index: 0 }),
            _ => {}
        }
        if container {
            open.push((parent_len, is_key));
            return true;
        }
        // A leaf is complete: back to the parent, which moves on.
        path.truncate(parent_len);
        match stack.last_mut() {
            Some(Frame::Map { .. }) if is_key => true,
            Some(Frame::Map { key }) => {
                *key = None;
                true
            }
            Some(Frame::Seq { index }) => {
                *index += 1;
                true
            }
            None => false,
        }
    });
}

/// Feeds the events of `text` with their positions to `f` until it returns `false`, the first
/// document ends or the text has an error.
fn events(text: &str, mut f: impl FnMut(Event, Position) -> bool) {
    let input = text.as_bytes();
    // The parser state stays at one address while libyaml uses it.
    let mut parser: Box<MaybeUninit<sys::yaml_parser_t>> = Box::new(MaybeUninit::uninit());
    let parser = parser.as_mut_ptr();
    // SAFETY: the calls follow libyaml's protocol: the parser is initialised before use and
    // deleted once after, its input (`text`) outlives it, each event is read only between a
    // successful `yaml_parser_parse` and its `yaml_event_delete`, and a scalar's value is read
    // within its stated length.
    unsafe {
        if sys::yaml_parser_initialize(parser).fail {
            return;
        }
        sys::yaml_parser_set_encoding(parser, sys::YAML_UTF8_ENCODING);
        sys::yaml_parser_set_input_string(parser, input.as_ptr(), input.len() as _);
        loop {
            let mut raw = MaybeUninit::<sys::yaml_event_t>::uninit();
            let raw = raw.as_mut_ptr();
            if sys::yaml_parser_parse(parser, raw).fail {
                break;
            }
            let mark = (*raw).start_mark;
            let event = match (*raw).type_ {
                sys::YAML_SCALAR_EVENT => {
                    let scalar = (*raw).data.scalar;
                    let bytes = if scalar.value.is_null() {
                        &[][..]
                    } else {
                        std::slice::from_raw_parts(scalar.value, scalar.length as usize)
                    };
                    Event::Leaf(Some(String::from_utf8_lossy(bytes).into_owned()))
                }
                sys::YAML_ALIAS_EVENT => Event::Leaf(None),
                sys::YAML_MAPPING_START_EVENT => Event::MappingStart,
                sys::YAML_SEQUENCE_START_EVENT => Event::SequenceStart,
                sys::YAML_MAPPING_END_EVENT | sys::YAML_SEQUENCE_END_EVENT => Event::End,
                sys::YAML_DOCUMENT_END_EVENT | sys::YAML_STREAM_END_EVENT => Event::Stop,
                _ => Event::Other,
            };
            sys::yaml_event_delete(raw);
            let stop = matches!(event, Event::Stop);
            let position = Position {
                line: mark.line as usize + 1,
                column: mark.column as usize + 1,
            };
            if !f(event, position) || stop {
                break;
            }
        }
        sys::yaml_parser_delete(parser);
    }
}

#[cfg(test)]
mod tests {
    use super::{line_of, locate, Position};

    #[test]
    fn positions_of_pointers() {
        let text = "\
openapi: 3.0.3
paths:
  /a/b:
    get:
      parameters:
        - name: x
        - name: y
          schema: {type: number, maximum: .inf, enum: [1, 2, x]}
      responses:
        200: {description: ok}
";
        let at = |line, column| Some(Position { line, column });
        assert_eq!(locate(text, "#/openapi"), at(1, 1));
        assert_eq!(locate(text, "#"), at(1, 1));
        // A mapping entry is found at its key.
        assert_eq!(locate(text, "#/paths/~1a~1b/get"), at(4, 5));
        // A sequence item at the item: a block mapping starts at its first key.
        assert_eq!(locate(text, "#/paths/~1a~1b/get/parameters/1"), at(7, 11));
        assert_eq!(
            locate(text, "#/paths/~1a~1b/get/parameters/1/schema"),
            at(8, 11)
        );
        assert_eq!(
            locate(text, "#/paths/~1a~1b/get/parameters/1/schema/maximum"),
            at(8, 34)
        );
        assert_eq!(
            locate(text, "#/paths/~1a~1b/get/parameters/1/schema/enum/2"),
            at(8, 62)
        );
        assert_eq!(locate(text, "#/paths/~1a~1b/get/responses/200"), at(10, 9));
        // A node that does not exist: its nearest ancestor.
        assert_eq!(locate(text, "#/paths/~1a~1b/get/operationId"), at(4, 5));
        assert_eq!(locate(text, "#/paths/~1a~1b/get/parameters/7"), at(5, 7));
        assert_eq!(line_of(text, "#/paths/~1a~1b/get/parameters/0"), Some(6));
        // Text with a syntax error: the nodes before it are still found.
        assert_eq!(locate("x: 1\ny: {", "#/x"), at(1, 1));
        assert_eq!(locate("x: 1\ny: {", "#/y"), at(2, 1));
        // Several pointers in one pass, each as on its own.
        let pointers = [
            "#/paths/~1a~1b/get/responses/200",
            "#/openapi",
            "#/paths/~1a~1b/get/parameters/1/schema/enum/2",
        ];
        let one_by_one: Vec<_> = pointers.iter().map(|p| locate(text, p)).collect();
        assert_eq!(super::locate_all(text, &pointers), one_by_one);
        // Complex keys and aliases are skipped without losing the way.
        let odd = "a: &x {b: 1}\n? [k]\n: v\nc: *x\nd: [1, {e: 2}]\n";
        assert_eq!(locate(odd, "#/c"), at(4, 1));
        assert_eq!(locate(odd, "#/d/1/e"), at(5, 9));
        assert_eq!(locate(text, "no pointer"), None);
    }
}
