//! The line of a JSON pointer in the spec text, for error messages.
//!
//! `serde_yaml::Value` keeps no positions, but the streaming deserializer knows where it is. So
//! this walks the text once, following the pointer and skipping everything else, and stops at the
//! node with an error of its own: that error carries the node's position.

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// The message of the error raised at the node looked for.
const FOUND: &str = "<node located>";

/// The 1-based line of the node at `pointer` (`#/paths/~1ping/get`), or of its nearest ancestor
/// that exists; `None` when the text does not parse or the pointer is not a `#/` pointer.
pub fn line_of(text: &str, pointer: &str) -> Option<usize> {
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
                    return Some(location.line());
                }
                // Found, but without a position (a sequence has none): try the parent.
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
        while let Some(key) = map.next_key::<Key>()? {
            if key.0.as_deref() == Some(self.tokens[0].as_str()) {
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

/// A mapping key as pointer text (`200` and `"200"` alike); `None` for keys that are not
/// scalars.
struct Key(Option<String>);

impl<'de> de::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E>(self, v: &str) -> Result<Key, E> {
                Ok(Key(Some(v.to_string())))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Key, E> {
                Ok(Key(Some(v.to_string())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Key, E> {
                Ok(Key(Some(v.to_string())))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Key, E> {
                Ok(Key(Some(v.to_string())))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Key, E> {
                Ok(Key(Some(v.to_string())))
            }
            fn visit_unit<E>(self) -> Result<Key, E> {
                Ok(Key(Some("null".to_string())))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Key, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Key(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Key, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Key(None))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::line_of;

    #[test]
    fn lines_of_pointers() {
        let text = "\
openapi: 3.0.3
paths:
  /a/b:
    get:
      parameters:
        - name: x
        - name: y
          schema: {type: number, maximum: .inf}
      responses:
        200: {description: ok}
";
        assert_eq!(line_of(text, "#/openapi"), Some(1));
        // A block mapping starts at its first key.
        assert_eq!(line_of(text, "#/paths/~1a~1b/get"), Some(5));
        assert_eq!(line_of(text, "#/paths/~1a~1b/get/parameters/1"), Some(7));
        assert_eq!(
            line_of(text, "#/paths/~1a~1b/get/parameters/1/schema"),
            Some(8)
        );
        assert_eq!(
            line_of(text, "#/paths/~1a~1b/get/parameters/1/schema/maximum"),
            Some(8)
        );
        assert_eq!(line_of(text, "#/paths/~1a~1b/get/responses/200"), Some(10));
        // A node that does not exist: its nearest ancestor.
        assert_eq!(line_of(text, "#/paths/~1a~1b/get/operationId"), Some(5));
        assert_eq!(line_of(text, "#/paths/~1a~1b/get/parameters/7"), Some(6));
        assert_eq!(line_of("x: {", "#/a"), None);
        assert_eq!(line_of(text, "no pointer"), None);
    }
}
