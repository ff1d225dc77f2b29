//! The line and column of a JSON pointer in the spec text, for error messages.
//!
//! `serde_yaml::Value` keeps no positions, but the streaming deserializer knows where it is. So
//! this walks the text once, following the pointer and skipping everything else, and stops at the
//! node with an error of its own: that error carries the node's position. The node of a mapping
//! entry is found at its key (`maxLength:`), where an editor shows the entry; a sequence item at
//! the item itself.

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// The message of the error raised at the node looked for.
const FOUND: &str = "<node located>";

/// A 1-based position in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
}

/// The 1-based line of the node at `pointer` (see [`locate`]).
pub fn line_of(text: &str, pointer: &str) -> Option<usize> {
    locate(text, pointer).map(|p| p.line)
}

/// The position of the node at `pointer` (`#/paths/~1ping/get`): of its key when it is a mapping
/// entry, else of the node; of its nearest ancestor that exists when it does not. `None` when the
/// text does not parse or the pointer is not a `#/` pointer.
pub fn locate(text: &str, pointer: &str) -> Option<Position> {
    let rest = pointer.strip_prefix('#')?;
    let mut tokens: Vec<String> = if rest.is_empty() {
        Vec::new()
    } else {
        rest.strip_prefix('/')?
            .split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect()
    };
    loop {
        let de = serde_yaml::Deserializer::from_str(text);
        match (Seek { tokens: &tokens }).deserialize(de) {
            Err(e) if e.to_string().contains(FOUND) => {
                if let Some(location) = e.location() {
                    return Some(Position {
                        line: location.line(),
                        column: location.column(),
                    });
                }
                // Found, but without a position: try the parent.
                tokens.pop()?;
            }
            Err(_) => return None,
            // Not found: try the parent.
            Ok(()) => {
                tokens.pop()?;
            }
        }
    }
}

/// Follows `tokens` into a value; raises [`FOUND`] when they are used up.
struct Seek<'p> {
    tokens: &'p [String],
}

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if self.tokens.is_empty() {
            // Fails on whatever the node is, so the error carries the node's own position.
            return d.deserialize_any(Found);
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seek<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let last = self.tokens.len() == 1;
        // The key seed raises FOUND at the key itself when it is the last token.
        while let Some(matched) = map.next_key_seed(KeySeed {
            wanted: &self.tokens[0],
            raise: last,
        })? {
            if matched {
                map.next_value_seed(Seek {
                    tokens: &self.tokens[1..],
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let wanted: Option<usize> = self.tokens[0].parse().ok();
        let mut i = 0;
        loop {
            let more = if Some(i) == wanted {
                seq.next_element_seed(Seek {
                    tokens: &self.tokens[1..],
                })?
                .is_some()
            } else {
                seq.next_element::<IgnoredAny>()?.is_some()
            };
            if !more {
                return Ok(());
            }
            i += 1;
        }
    }

    // Scalars have no children: the pointer goes past the document.
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// Rejects any value: its error says [`FOUND`] (through `expecting`).
struct Found;

impl<'de> Visitor<'de> for Found {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(FOUND)
    }
}

/// Reads a mapping key and says whether it is `wanted` (`200` and `"200"` alike); with `raise`,
/// a wanted key raises [`FOUND`] instead, so the error carries the key's position.
struct KeySeed<'w> {
    wanted: &'w str,
    raise: bool,
}

impl KeySeed<'_> {
    fn check<E: de::Error>(&self, key: &str) -> Result<bool, E> {
        if key != self.wanted {
            Ok(false)
        } else if self.raise {
            Err(E::custom(FOUND))
        } else {
            Ok(true)
        }
    }
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        self.check(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        self.check(&v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        self.check(&v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<bool, E> {
        self.check(&v.to_string())
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        self.check(&v.to_string())
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        self.check("null")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(false)
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
        assert_eq!(locate("x: {", "#/a"), None);
        assert_eq!(locate(text, "no pointer"), None);
    }
}
