//! What a description cell says: its Definition / Constraints / Range / Default Value parts, its
//! bullet list (`• value: meaning`), and the constraints stated in its prose.
//!
//! Extraction rules (each has a fixture page line in `tests/fixtures/docs/`):
//!
//! - **lengths**: `X to Y characters` (`1 to 32,768 characters`) on a string;
//! - **ranges**: `X to Y` or `Value range: X to Y` on an integer or number;
//! - **item counts**: `The value range is X to Y` (any `X to Y`) on an array;
//! - **enumerated values**: a bullet list `• value: meaning` (or `- value: meaning`) on a string,
//!   an integer or an array of them (on a boolean, the `true`/`false` bullets only explain it);
//! - **default**: the Default Value part (`host`, `0: default enterprise project.` -> `0`), or a
//!   sentence `The default value is X.`; `N/A` means none.
//!
//! What a page *cannot* say is [`Fact::NotStated`], never silence: a four-part description whose
//! Range part is empty (the capture dropped it), an `The options are as follows:` with nothing
//! after it, a capture format that drops bullet lists (no list then means nothing), or a
//! description that is not in English.

use super::capture::Capture;
use super::page::PageType;

/// A description cell, split into its parts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prose {
    /// Whether the text is English (no CJK characters).
    pub english: bool,
    /// Whether it uses the Definition / Constraints / Range / Default Value layout.
    pub four_part: bool,
    /// The Definition part, or for a one-sentence description its text without the bullets.
    /// Paragraphs are separated by a blank line.
    pub definition: String,
    /// The Constraints part.
    pub constraints: Option<String>,
    /// The Range part without its bullets (`Some("")` when the part is there but empty).
    pub range: Option<String>,
    /// The Default Value part.
    pub default: Option<String>,
    /// Bullets `value: meaning`, in page order.
    pub bullets: Vec<(String, String)>,
    /// The text announces a list (`The options are as follows:`).
    pub list_announced: bool,
}

impl Prose {
    /// The Range part is present but empty, and has no bullets: the capture dropped it.
    pub fn range_lost(&self) -> bool {
        self.four_part && self.range.as_deref() == Some("") && self.bullets.is_empty()
    }
}

const KEYWORDS: [&str; 4] = ["Definition", "Constraints", "Range", "Default Value"];

/// Splits a description cell.
pub fn parse(text: &str) -> Prose {
    let text = text.trim();
    let english = is_english(text);
    let mut p = Prose {
        english,
        ..Prose::default()
    };
    let starts_with_definition = text
        .strip_prefix("Definition")
        .is_some_and(|r| r.is_empty() || r.starts_with(char::is_whitespace) || r.starts_with(':'));
    if starts_with_definition {
        p.four_part = true;
        // Find each keyword after the previous one, as a whole word.
        let mut cuts: Vec<(usize, usize, usize)> = vec![(0, 0, "Definition".len())];
        let mut from = "Definition".len();
        for (k, kw) in KEYWORDS.iter().enumerate().skip(1) {
            if let Some(at) = find_word(text, kw, from) {
                cuts.push((k, at, at + kw.len()));
                from = at + kw.len();
            }
        }
        for (n, &(k, _, body_start)) in cuts.iter().enumerate() {
            let end = cuts.get(n + 1).map(|c| c.1).unwrap_or(text.len());
            let body = text[body_start..end].trim().trim_start_matches(':').trim();
            let (lead, bullets) = split_bullets(body);
            p.bullets.extend(bullets);
            match k {
                0 => p.definition = lead,
                1 => p.constraints = Some(lead),
                2 => p.range = Some(lead),
                _ => p.default = Some(lead),
            }
        }
    } else {
        let (lead, bullets) = split_bullets(text);
        p.definition = lead;
        p.bullets = bullets;
    }
    p.list_announced = p.definition.trim_end().ends_with("as follows:")
        || p.range
            .as_deref()
            .is_some_and(|r| r.trim_end().ends_with("as follows:"));
    p
}

/// Whether a text is English (has no CJK characters).
pub fn is_english(text: &str) -> bool {
    !text.chars().any(is_cjk)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ff01}'..='\u{ff60}')
}

/// Finds `word` at or after `from`, preceded by whitespace and followed by whitespace, `:` or the end.
fn find_word(text: &str, word: &str, from: usize) -> Option<usize> {
    let mut start = from;
    while let Some(rel) = text.get(start..)?.find(word) {
        let at = start + rel;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let ends = after.map_or(true, |c| c.is_whitespace() || c == ':');
        if before.is_some_and(char::is_whitespace) && ends {
            return Some(at);
        }
        start = at + word.len();
    }
    None
}

/// Separates bullet lines (`• v: m`, `- v: m`, `* v: m`, also inline `•`) from the rest.
fn split_bullets(text: &str) -> (String, Vec<(String, String)>) {
    let mut lead: Vec<String> = Vec::new();
    let mut bullets = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        let mut pieces = line.split('•');
        let first = pieces.next().unwrap_or("").trim();
        let rest: Vec<&str> = pieces.collect();
        let list_item = first
            .strip_prefix("- ")
            .or_else(|| first.strip_prefix("* "))
            .filter(|_| rest.is_empty());
        match list_item {
            Some(item) => bullets.push(bullet(item)),
            None if !first.is_empty() => lead.push(first.to_string()),
            None => {}
        }
        bullets.extend(rest.iter().map(|b| bullet(b.trim())));
    }
    (lead.join("\n\n"), bullets)
}

fn bullet(item: &str) -> (String, String) {
    match item.split_once(':') {
        Some((v, m)) => (v.trim().to_string(), m.trim().to_string()),
        None => (item.trim().to_string(), String::new()),
    }
}

/// A constraint as the page states it, or why it does not.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact<T> {
    /// The page states it; with the page's words.
    Stated {
        /// The value.
        value: T,
        /// The page's text it comes from.
        text: String,
    },
    /// The page could have stated it and says nothing: there is none.
    Silent,
    /// The page cannot say (lossy capture, not English): why.
    NotStated(&'static str),
}

impl<T> Fact<T> {
    /// The stated value.
    pub fn value(&self) -> Option<&T> {
        match self {
            Fact::Stated { value, .. } => Some(value),
            _ => None,
        }
    }
}

/// A pair of bounds, either of which may be missing.
pub type Bounds = (Option<i128>, Option<i128>);

/// Everything a row's description says about the value.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    /// String length in characters.
    pub length: Fact<Bounds>,
    /// Numeric range.
    pub range: Fact<Bounds>,
    /// Array item count.
    pub items: Fact<Bounds>,
    /// Enumerated values with their meanings (of the value, or of an array's items).
    pub values: Fact<Vec<(String, String)>>,
    /// The default, as written (`0`, `host`).
    pub default: Fact<String>,
}

const LOST_RANGE: &str = "the capture lost the Range text";
const LOST_LIST: &str = "the capture lost the list of values";
const NO_LISTS: &str = "this capture format drops bullet lists";
const NOT_ENGLISH: &str = "the description is not in English";

/// Extracts the constraints of a row of type `ty` from its description.
pub fn facts(p: &Prose, ty: &PageType, capture: Capture) -> Facts {
    if !p.english {
        return Facts {
            length: Fact::NotStated(NOT_ENGLISH),
            range: Fact::NotStated(NOT_ENGLISH),
            items: Fact::NotStated(NOT_ENGLISH),
            values: Fact::NotStated(NOT_ENGLISH),
            default: Fact::NotStated(NOT_ENGLISH),
        };
    }
    let range_text = if p.four_part {
        p.range.clone().unwrap_or_default()
    } else {
        p.definition.clone()
    };
    let lost = p.range_lost();
    let bounds = find_bounds(&range_text);
    let mut length = Fact::Silent;
    let mut range = Fact::Silent;
    let mut items = Fact::Silent;
    if let Some((b, is_chars, text)) = bounds {
        let stated = Fact::Stated { value: b, text };
        match ty {
            PageType::Array(_) => items = stated,
            PageType::String if is_chars => length = stated,
            PageType::Integer | PageType::Long | PageType::Number if !is_chars => range = stated,
            _ => {}
        }
    } else if lost {
        length = Fact::NotStated(LOST_RANGE);
        range = Fact::NotStated(LOST_RANGE);
        items = Fact::NotStated(LOST_RANGE);
    }
    let listable = match ty {
        PageType::Array(item) => matches!(
            **item,
            PageType::String | PageType::Integer | PageType::Long
        ),
        PageType::String | PageType::Integer | PageType::Long => true,
        _ => false,
    };
    let values = if !listable {
        Fact::Silent
    } else if !p.bullets.is_empty() {
        let text = p
            .bullets
            .iter()
            .map(|(v, m)| {
                if m.is_empty() {
                    v.clone()
                } else {
                    format!("{v}: {m}")
                }
            })
            .collect::<Vec<_>>()
            .join("; ");
        Fact::Stated {
            value: p.bullets.clone(),
            text,
        }
    } else if lost {
        Fact::NotStated(LOST_RANGE)
    } else if p.list_announced {
        Fact::NotStated(LOST_LIST)
    } else if capture.drops_lists() {
        Fact::NotStated(NO_LISTS)
    } else {
        Fact::Silent
    };
    let default = match &p.default {
        Some(d) => match default_value(d) {
            Some(v) => Fact::Stated {
                value: v,
                text: d.clone(),
            },
            None => Fact::Silent,
        },
        None => match sentence_default(&p.definition) {
            Some((v, text)) => Fact::Stated { value: v, text },
            None => Fact::Silent,
        },
    };
    Facts {
        length,
        range,
        items,
        values,
        default,
    }
}

/// `0: default enterprise project.` -> `0`; `host` -> `host`; `N/A` -> none.
fn default_value(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("N/A") || t.eq_ignore_ascii_case("none") {
        return None;
    }
    let v = match t.split_once(':') {
        Some((v, _)) => v,
        None => t.split_whitespace().next().unwrap_or(t),
    };
    let v = v.trim().trim_end_matches('.');
    (!v.is_empty()).then(|| v.to_string())
}

/// `The default value is X.` in running text.
fn sentence_default(text: &str) -> Option<(String, String)> {
    let lower = text.to_ascii_lowercase();
    let at = lower.find("the default value is ")?;
    let rest = &text[at + "the default value is ".len()..];
    let v: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != ',' && *c != ';')
        .collect();
    let v = v.trim_end_matches('.').to_string();
    let end = at + "the default value is ".len() + rest.find('.').unwrap_or(rest.len());
    (!v.is_empty()).then(|| (v, text[at..end.min(text.len())].to_string()))
}

fn number_at_end(s: &str) -> Option<(i128, usize)> {
    let trimmed = s.trim_end();
    let start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '-'))
        .map(|(p, c)| p + c.len_utf8())
        .unwrap_or(0);
    let digits = trimmed[start..].trim_start_matches(',');
    let n = digits.replace(',', "").parse().ok()?;
    Some((n, trimmed.len() - digits.len()))
}

fn number_at_start(s: &str) -> Option<(i128, usize)> {
    let s2 = s.trim_start();
    let skipped = s.len() - s2.len();
    let end = s2
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '-'))
        .unwrap_or(s2.len());
    let digits = s2[..end].trim_end_matches(',');
    let n = digits.replace(',', "").parse().ok()?;
    Some((n, skipped + digits.len()))
}

/// The first `X to Y` in the text: the bounds, whether `characters` follows, and the sentence.
fn find_bounds(text: &str) -> Option<(Bounds, bool, String)> {
    let mut from = 0;
    while let Some(rel) = text[from..].find(" to ") {
        let at = from + rel;
        from = at + 4;
        let (Some((lo, lo_start)), Some((hi, hi_len))) =
            (number_at_end(&text[..at]), number_at_start(&text[at + 4..]))
        else {
            continue;
        };
        let after = text[at + 4 + hi_len..].trim_start();
        let chars = after.starts_with("character");
        let sentence_start = text[..lo_start]
            .rfind(['.', '\n'])
            .map(|p| p + 1)
            .unwrap_or(0);
        let end = at + 4 + hi_len;
        let sentence_end = text[end..]
            .find(['.', '\n'])
            .map(|p| end + p + 1)
            .unwrap_or(text.len());
        let sentence = text[sentence_start..sentence_end].trim().to_string();
        return Some(((Some(lo), Some(hi)), chars, sentence));
    }
    // `up to N characters` / `a maximum of N characters`.
    for marker in ["up to ", "a maximum of ", "at most "] {
        if let Some(at) = text.find(marker) {
            if let Some((hi, len)) = number_at_start(&text[at + marker.len()..]) {
                let after = text[at + marker.len() + len..].trim_start();
                let chars = after.starts_with("character");
                return Some(((None, Some(hi)), chars, text[at..].trim().to_string()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_four_parts_inline_and_on_lines() {
        let inline = parse("Definition Image type. Constraints N/A Range Default Value registry");
        assert!(inline.four_part);
        assert_eq!(inline.definition, "Image type.");
        assert_eq!(inline.constraints.as_deref(), Some("N/A"));
        assert_eq!(inline.range.as_deref(), Some(""));
        assert_eq!(inline.default.as_deref(), Some("registry"));
        assert!(inline.range_lost());
        let lines = parse("Definition\nAsset Type\nConstraints\nN/A\nRange\n• host: server asset\n• container: container asset\nDefault Value\nhost");
        assert_eq!(lines.definition, "Asset Type");
        assert_eq!(lines.bullets.len(), 2);
        assert_eq!(
            lines.bullets[1],
            ("container".into(), "container asset".into())
        );
        assert!(!lines.range_lost());
    }

    #[test]
    fn reads_bounds() {
        let b = find_bounds("The value can contain 1 to 32,768 characters.").unwrap();
        assert_eq!(b.0, (Some(1), Some(32768)));
        assert!(b.1);
        let b = find_bounds("Value range: 0 to 9223372036854775807.").unwrap();
        assert_eq!(b.0, (Some(0), Some(9223372036854775807)));
        assert!(!b.1);
        assert!(find_bounds("Task type.").is_none());
    }

    #[test]
    fn defaults() {
        assert_eq!(
            default_value("0: default enterprise project.").as_deref(),
            Some("0")
        );
        assert_eq!(default_value("N/A"), None);
        assert_eq!(default_value("host").as_deref(), Some("host"));
    }
}
