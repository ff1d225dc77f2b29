//! Reading a large spec on all cores: its text is cut into pieces, and each piece is read as
//! YAML, checked ([`crate::precheck`]) and read into its part of the typed document on its own.
//!
//! # Where the text is cut
//!
//! Only a block-style document is cut, at lines of its own layout: every line at column 0 that
//! is not blank or a comment must be a plain key (`openapi:`, `paths:`), and the text has no
//! carriage return, no line break of the other kinds YAML knows (NEL, LS, PS), no byte order
//! mark and no tab in any indentation. The two large maps of a spec, the path items under
//! `paths:` and the named schemas under `components:` / `schemas:` (each header a plain key
//! with nothing but a comment after its colon), are cut between their entries: at lines
//! indented exactly as their first entry, which are neither a sequence entry (`- `) nor a
//! complex key (`? `, `: `). The other entries of the document, and of `components`, are read as
//! pieces of their own between the headers. Every byte of the text but the header lines is in
//! exactly one piece.
//!
//! # Why the pieces say what the whole says
//!
//! A cut line could be inside a multi-line scalar or flow collection rather than the start of
//! an entry. It cannot be inside a block scalar (`|`, `>`) or a multi-line plain scalar: their
//! lines are indented deeper than the mapping their key is in, and a cut line is at that
//! mapping's own column. That leaves quoted scalars and flow collections. Take the first cut
//! line, in text order, that is not a real line start: the piece that ends there starts at a real
//! one, so it reads as the whole document reads there, and it ends with the quoted scalar or
//! collection still open, which YAML rejects. So when any piece fails to read, the whole text
//! is read instead, and reports the error where the whole document has it. Beyond that:
//!
//! - a key found in two pieces (a duplicate in the whole document) makes the whole text be read;
//! - so does an alias whose anchor is in another piece (the piece fails to read);
//! - a piece that nests close to the YAML reader's depth limit (which the whole document, being
//!   deeper by the headers above the piece, might pass) makes the whole text be read;
//! - so does a number that is not finite anywhere (it changes how [`crate::precheck`] checks
//!   every schema).
//!
//! Tests compare the result with the whole read on every spec of the repository cut at every
//! entry, and on texts made to trip each of the cases above.

use crate::precheck::{self, Checked, Part, Spliced};
use serde_yaml::{Mapping, Value};
use std::collections::HashSet;

/// What the whole read gives: the precheck's findings, and the typed document (`None` when a
/// finding is fatal: it is then not read).
pub(super) type Read = (
    Checked,
    Option<Result<openapiv3::OpenAPI, serde_yaml::Error>>,
);

/// A piece that nests this deep (plus the depth of its place in the document) may be near the
/// YAML reader's limit (128): the whole text is read instead.
const DEPTH_LIMIT: usize = 100;

/// How many pieces each of the two large maps is cut into, per thread.
const PIECES_PER_THREAD: usize = 4;

/// Reads a spec's text in pieces on all cores: what the whole read gives, or `None` when the
/// text is not cut (fewer than `min_entries` path items and schemas, one core, a layout this
/// module does not cut) or a piece could not be read: the caller then reads the whole text.
pub(super) fn read(text: &str, file: &str, min_entries: usize) -> Option<Read> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 {
        return None;
    }
    read_cut(
        text,
        file,
        min_entries,
        threads * PIECES_PER_THREAD,
        threads,
    )
}

/// [`read`], cutting each part into about `per_part` pieces, read on `threads` threads.
fn read_cut(
    text: &str,
    file: &str,
    min_entries: usize,
    per_part: usize,
    threads: usize,
) -> Option<Read> {
    let plan = plan(text, per_part)?;
    if plan.entries < min_entries.max(1) {
        return None;
    }
    let done = run(&plan.pieces, file, threads)?;
    assemble(&plan.items, done, file)
}

/// One piece of the text, and what its entries are.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece<'t> {
    text: &'t str,
    /// `Some`: entries of that part; `None`: other entries (of the document, or of
    /// `components` when `depth` is 1).
    part: Option<Part>,
    /// How many mappings the piece's entries are inside, in the whole document.
    depth: usize,
}

/// How the document is put together from the pieces, in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    /// The entries of piece `n`.
    Entries(usize),
    /// A part's header (`paths:`, `schemas:`): its entries are in the pieces of that part.
    Part(Part),
    /// `components:`, with its own items.
    Components(Vec<Item>),
}

/// Where the text is cut.
#[derive(Debug)]
struct Plan<'t> {
    pieces: Vec<Piece<'t>>,
    items: Vec<Item>,
    /// How many entries the two parts have.
    entries: usize,
}

/// A line that is not blank and not a comment: where it starts, and how deep it is indented.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    indent: usize,
}

/// The content lines of the text; `None` when the text has something this module does not cut
/// at (see the module docs).
fn content_lines(text: &str) -> Option<Vec<Line>> {
    let odd_breaks = ['\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{feff}'];
    if odd_breaks.iter().any(|c| text.contains(*c)) {
        return None;
    }
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| start + i);
        let line = &bytes[start..end];
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        match line.get(indent) {
            None | Some(b'#') => {}
            Some(b'\t') if line[indent..].iter().all(|b| b.is_ascii_whitespace()) => {}
            Some(b'\t') => return None,
            Some(_) => lines.push(Line { start, indent }),
        }
        start = end + 1;
    }
    Some(lines)
}

/// The key of a line that starts with a plain key (`  schemas:`, `  x-crate: {...}`), and
/// whether nothing but a comment follows its colon.
fn plain_key(line: &str) -> Option<(&str, bool)> {
    let content = line.trim_start_matches(' ');
    let len = content
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'$'))
        .count();
    let (key, after) = content.split_at(len);
    let after = after.strip_prefix(':')?;
    if key.is_empty() || !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let value = after.trim_start_matches(' ');
    Some((key, value.is_empty() || value.starts_with('#')))
}

/// Cuts the text (see the module docs): `None` when its layout is not one this module cuts.
fn plan(text: &str, pieces_per_part: usize) -> Option<Plan<'_>> {
    let lines = content_lines(text)?;
    let first = lines.first()?;
    if first.indent != 0 {
        return None;
    }
    let mut cutter = Cutter {
        text,
        lines: &lines,
        pieces: Vec::new(),
        entries: 0,
        per_part: pieces_per_part,
    };
    let items = cutter.mapping(0, lines.len(), 0, 0, &|key| match key {
        "paths" => Some(Header::Part(Part::Paths)),
        "components" => Some(Header::Components),
        _ => None,
    })?;
    Some(Plan {
        pieces: cutter.pieces,
        items,
        entries: cutter.entries,
    })
}

/// What a header of a mapping becomes.
enum Header {
    Part(Part),
    Components,
}

struct Cutter<'t, 'l> {
    text: &'t str,
    lines: &'l [Line],
    pieces: Vec<Piece<'t>>,
    entries: usize,
    per_part: usize,
}

impl<'t> Cutter<'t, '_> {
    /// The text of line `i` (without its line break).
    fn line(&self, i: usize) -> &'t str {
        let start = self.lines[i].start;
        let rest = &self.text[start..];
        &rest[..rest.find('\n').unwrap_or(rest.len())]
    }

    /// Where line `i` starts (the end of the text past the last line).
    fn start(&self, i: usize) -> usize {
        self.lines.get(i).map_or(self.text.len(), |l| l.start)
    }

    /// Where the line after line `i` starts.
    fn after(&self, i: usize) -> usize {
        let start = self.lines[i].start;
        self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |n| start + n + 1)
    }

    /// The first line from `from` on that is indented `column` or less (`to` when none is).
    fn end_of_block(&self, from: usize, to: usize, column: usize) -> usize {
        (from..to)
            .find(|&i| self.lines[i].indent <= column)
            .unwrap_or(to)
    }

    /// The items of the mapping whose entries are the lines `from..to` (the first of them at
    /// the mapping's column), its text starting at byte `text_from` (after its header line),
    /// `depth` mappings deep. `header` says which keys are cut further. In the document
    /// (`depth` 0) every line at the column must start with a plain key.
    fn mapping(
        &mut self,
        from: usize,
        to: usize,
        text_from: usize,
        depth: usize,
        header: &dyn Fn(&str) -> Option<Header>,
    ) -> Option<Vec<Item>> {
        let column = self.lines.get(from).map_or(0, |l| l.indent);
        let mut items = Vec::new();
        let mut seen = Vec::new();
        let mut piece_from = text_from;
        let mut i = from;
        while i < to {
            let line = self.lines[i];
            if line.indent < column {
                return None;
            }
            if line.indent > column {
                i += 1;
                continue;
            }
            let key = plain_key(self.line(i));
            if depth == 0 && key.is_none() {
                return None;
            }
            let end = self.end_of_block(i + 1, to, column);
            // A header with no entries below it is null in the document: left in its piece.
            let special = match key {
                Some((key, true)) if end > i + 1 => header(key).map(|h| (key, h)),
                _ => None,
            };
            let Some((key, special)) = special else {
                i += 1;
                continue;
            };
            if seen.contains(&key) {
                // A duplicate key: the whole read reports it.
                return None;
            }
            seen.push(key);
            self.plain(&mut items, piece_from, line.start, depth);
            let body_from = self.after(i);
            match special {
                Header::Part(part) => {
                    self.part(part, i + 1, end, body_from, depth + 1)?;
                    items.push(Item::Part(part));
                }
                Header::Components => {
                    let inner = self.mapping(i + 1, end, body_from, depth + 1, &|key| {
                        (key == "schemas").then_some(Header::Part(Part::Schemas))
                    })?;
                    items.push(Item::Components(inner));
                }
            }
            piece_from = self.start(end);
            i = end;
        }
        self.plain(&mut items, piece_from, self.start(to), depth);
        Some(items)
    }

    /// The other entries of a mapping, between `from` and `to`, as a piece of their own.
    fn plain(&mut self, items: &mut Vec<Item>, from: usize, to: usize, depth: usize) {
        let text = &self.text[from..to];
        if text
            .lines()
            .any(|l| !matches!(l.trim_start_matches(' ').bytes().next(), None | Some(b'#')))
        {
            items.push(Item::Entries(self.pieces.len()));
            self.pieces.push(Piece {
                text,
                part: None,
                depth,
            });
        }
    }

    /// The entries of `part` (lines `from..to`, text from `text_from`), cut into pieces of
    /// about the same size. `None` when a line is indented less than the first entry.
    fn part(
        &mut self,
        part: Part,
        from: usize,
        to: usize,
        text_from: usize,
        depth: usize,
    ) -> Option<()> {
        let text_to = self.start(to);
        let column = self.lines[from].indent;
        let mut cuts = Vec::new();
        for i in from..to {
            let line = self.lines[i];
            if line.indent < column {
                return None;
            }
            let lead = self.text.as_bytes().get(line.start + column).copied();
            let entry = line.indent == column && !matches!(lead, Some(b'-' | b'?' | b':'));
            if entry {
                self.entries += 1;
                cuts.push(line.start);
            }
        }
        let size = (text_to - text_from).div_ceil(self.per_part.max(1)).max(1);
        let mut piece_from = text_from;
        for &cut in cuts.iter().skip(1) {
            if cut - piece_from >= size {
                self.pieces.push(Piece {
                    text: &self.text[piece_from..cut],
                    part: Some(part),
                    depth,
                });
                piece_from = cut;
            }
        }
        self.pieces.push(Piece {
            text: &self.text[piece_from..text_to],
            part: Some(part),
            depth,
        });
        Some(())
    }
}

/// A piece read: its entries, or for a part's piece the findings, the keys and the typed
/// entries.
enum Done {
    Entries(Mapping),
    Part {
        part: Part,
        checked: Checked,
        keys: Vec<Value>,
        /// `None` when a finding is fatal (the entries were not read into types).
        typed: Option<Result<Typed, serde_yaml::Error>>,
    },
}

/// A part's entries, read into types.
enum Typed {
    Paths(openapiv3::Paths),
    Schemas(indexmap::IndexMap<String, openapiv3::ReferenceOr<openapiv3::Schema>>),
}

/// Reads one piece; `None` when the whole text must be read instead (see the module docs).
fn read_piece(piece: &Piece<'_>, file: &str) -> Option<Done> {
    let value: Value = serde_yaml::from_str(piece.text).ok()?;
    let Value::Mapping(entries) = value else {
        return None;
    };
    let (depth, finite) = depth_and_finite(&entries);
    if !finite || depth + piece.depth >= DEPTH_LIMIT {
        return None;
    }
    let Some(part) = piece.part else {
        return Some(Done::Entries(entries));
    };
    let checked = precheck::check_part(part, &entries, file);
    let keys = entries.keys().cloned().collect();
    let typed = (!checked.fatal).then(|| {
        let entries = Value::Mapping(entries);
        match part {
            Part::Paths => serde_yaml::from_value(entries).map(Typed::Paths),
            Part::Schemas => serde_yaml::from_value(entries).map(Typed::Schemas),
        }
    });
    Some(Done::Part {
        part,
        checked,
        keys,
        typed,
    })
}

/// How deep the mapping nests (1 for a mapping of scalars), and whether every number in it is
/// finite.
fn depth_and_finite(entries: &Mapping) -> (usize, bool) {
    let mut deepest = 1;
    let mut stack: Vec<(&Value, usize)> = entries.values().map(|v| (v, 1)).collect();
    while let Some((v, depth)) = stack.pop() {
        match v {
            Value::Number(n) if n.as_f64().is_some_and(|f| !f.is_finite()) => {
                return (deepest, false);
            }
            Value::Sequence(items) => {
                deepest = deepest.max(depth + 1);
                stack.extend(items.iter().map(|v| (v, depth + 1)));
            }
            Value::Mapping(map) => {
                deepest = deepest.max(depth + 1);
                stack.extend(map.values().map(|v| (v, depth + 1)));
            }
            Value::Tagged(t) => {
                deepest = deepest.max(depth + 1);
                stack.push((&t.value, depth + 1));
            }
            _ => {}
        }
    }
    (deepest, true)
}

/// Reads every piece on `threads` threads; `None` when any piece must be read whole.
fn run(pieces: &[Piece<'_>], file: &str, threads: usize) -> Option<Vec<Done>> {
    crate::threads::on_threads(pieces.iter().collect(), threads, |piece| {
        read_piece(piece, file)
    })
}

/// Puts the read pieces together as the whole read would have given them; `None` when a key is
/// in two pieces or the check could not be put together.
fn assemble(items: &[Item], done: Vec<Done>, file: &str) -> Option<Read> {
    let mut paths = PartDone::default();
    let mut schemas = PartDone::default();
    let mut entries = Vec::with_capacity(done.len());
    for piece in done {
        match piece {
            Done::Entries(map) => entries.push(Some(map)),
            Done::Part {
                part,
                checked,
                keys,
                typed,
            } => {
                entries.push(None);
                let into = match part {
                    Part::Paths => &mut paths,
                    Part::Schemas => &mut schemas,
                };
                into.add(checked, keys, typed)?;
            }
        }
    }
    let rest = Value::Mapping(rest_of(items, &mut entries)?);
    let spliced = Spliced {
        paths: paths.checked.take(),
        schemas: schemas.checked.take(),
    };
    let checked = precheck::check_with(&rest, file, spliced)?;
    if checked.fatal {
        return Some((checked, None));
    }
    Some((checked, Some(typed(rest, paths, schemas))))
}

/// What the pieces of one part gave, put together in text order.
#[derive(Default)]
struct PartDone {
    checked: Option<Checked>,
    keys: HashSet<Value>,
    paths: openapiv3::Paths,
    schemas: indexmap::IndexMap<String, openapiv3::ReferenceOr<openapiv3::Schema>>,
    /// The first piece's error where the entries could not be read into types.
    error: Option<serde_yaml::Error>,
}

impl PartDone {
    /// Adds the next piece; `None` for a key an earlier piece has.
    fn add(
        &mut self,
        checked: Checked,
        keys: Vec<Value>,
        typed: Option<Result<Typed, serde_yaml::Error>>,
    ) -> Option<()> {
        for key in keys {
            if !self.keys.insert(key) {
                return None;
            }
        }
        let all = self.checked.get_or_insert_with(Checked::default);
        all.errors.extend(checked.errors);
        all.fatal |= checked.fatal;
        match typed {
            // A fatal finding: the document is not read into types.
            None => {}
            Some(Err(e)) => {
                self.error.get_or_insert(e);
            }
            Some(Ok(Typed::Paths(p))) => {
                self.paths.paths.extend(p.paths);
                self.paths.extensions.extend(p.extensions);
            }
            Some(Ok(Typed::Schemas(s))) => self.schemas.extend(s),
        }
        Some(())
    }
}

/// The typed document: the rest read into types, with each part's entries in place.
fn typed(
    rest: Value,
    paths: PartDone,
    schemas: PartDone,
) -> Result<openapiv3::OpenAPI, serde_yaml::Error> {
    if let Some(e) = paths.error.or(schemas.error) {
        return Err(e);
    }
    let mut doc: openapiv3::OpenAPI = serde_yaml::from_value(rest)?;
    doc.paths = paths.paths;
    if let Some(components) = doc.components.as_mut() {
        components.schemas = schemas.schemas;
    }
    Ok(doc)
}

/// The document without the parts' entries: each part's header holds an empty mapping.
fn rest_of(items: &[Item], entries: &mut [Option<Mapping>]) -> Option<Mapping> {
    let mut map = Mapping::new();
    for item in items {
        let fresh = match item {
            Item::Entries(n) => {
                for (k, v) in entries.get_mut(*n)?.take()? {
                    if map.insert(k, v).is_some() {
                        return None;
                    }
                }
                true
            }
            Item::Part(Part::Paths) => map.insert("paths".into(), Mapping::new().into()).is_none(),
            Item::Part(Part::Schemas) => map
                .insert("schemas".into(), Mapping::new().into())
                .is_none(),
            Item::Components(inner) => {
                let inner = rest_of(inner, entries)?;
                map.insert("components".into(), inner.into()).is_none()
            }
        };
        if !fresh {
            return None;
        }
    }
    Some(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text read in pieces (each entry of each part a piece of its own, two threads): `None`
    /// when it was not cut, else asserted equal to the whole read.
    fn cut_and_compare(text: &str) -> Option<Read> {
        let cut = read_cut(text, "spec.yaml", 1, usize::MAX, 2)?;
        let whole = super::super::read_whole(text, "spec.yaml").unwrap_or_else(|e| {
            panic!("the whole read fails ({e}) where the pieces read:\n{text}")
        });
        assert_eq!(cut.0.errors, whole.0.errors, "findings of\n{text}");
        assert_eq!(cut.0.fatal, whole.0.fatal, "fatal of\n{text}");
        let show = |doc: &Option<Result<openapiv3::OpenAPI, serde_yaml::Error>>| match doc {
            None => "not read".to_string(),
            Some(Ok(doc)) => format!("{doc:?}"),
            Some(Err(e)) => format!("error: {e}"),
        };
        assert_eq!(show(&cut.1), show(&whole.1), "typed document of\n{text}");
        Some(cut)
    }

    fn assert_cut(text: &str) -> Read {
        cut_and_compare(text).unwrap_or_else(|| panic!("not cut:\n{text}"))
    }

    fn assert_not_cut(text: &str) {
        assert!(cut_and_compare(text).is_none(), "cut:\n{text}");
    }

    /// Every spec of the repository, cut at every entry, reads as it reads whole; most are cut (a
    /// fixture whose YAML is broken on purpose, or in a layout not cut, is not).
    #[test]
    fn every_spec_of_the_repository_reads_in_pieces_as_whole() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = vec![root.join("spec")];
        let mut specs = Vec::new();
        files.push(root.join("tests"));
        while let Some(path) = files.pop() {
            let Ok(dir) = std::fs::read_dir(&path) else {
                if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                    specs.push(path);
                }
                continue;
            };
            files.extend(dir.filter_map(|e| e.ok()).map(|e| e.path()));
        }
        assert!(specs.len() > 20, "{specs:?}");
        let mut cut = 0;
        for spec in &specs {
            let text = std::fs::read_to_string(spec).expect("read the spec");
            if cut_and_compare(&text).is_some() {
                cut += 1;
            }
        }
        assert!(cut * 2 > specs.len(), "{cut} of {} cut", specs.len());
    }

    const HEAD: &str = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\n";

    fn path(i: usize) -> String {
        format!(
            "  /p{i}:\n    get:\n      operationId: op{i}\n      responses:\n        '200':\n          \
             description: ok\n"
        )
    }

    fn schema(i: usize) -> String {
        format!("    S{i}:\n      type: object\n      properties:\n        a:\n          type: integer\n")
    }

    /// A document with `n` paths and `n` schemas, `between` inserted after the first path.
    fn doc(n: usize, between: &str) -> String {
        let mut s = format!("{HEAD}paths:\n{}{between}", path(0));
        for i in 1..n {
            s.push_str(&path(i));
        }
        s.push_str("components:\n  parameters:\n    P:\n      name: p\n      in: query\n      schema: {type: string}\n  schemas:\n");
        for i in 0..n {
            s.push_str(&schema(i));
        }
        s.push_str("  responses: {}\nx-after: 1\n");
        s
    }

    #[test]
    fn a_plain_document_is_cut_at_every_entry() {
        let text = doc(5, "");
        let plan = plan(&text, usize::MAX).expect("cut");
        assert_eq!(plan.entries, 10);
        let parts: Vec<Option<Part>> = plan.pieces.iter().map(|p| p.part).collect();
        let mut expected = vec![None];
        expected.extend([Some(Part::Paths); 5]);
        expected.push(None);
        expected.extend([Some(Part::Schemas); 5]);
        expected.extend([None, None]);
        assert_eq!(parts, expected);
        // Every byte but the three header lines is in one piece.
        let pieced: usize = plan.pieces.iter().map(|p| p.text.len()).sum();
        let headers = "paths:\n".len() + "components:\n".len() + "  schemas:\n".len();
        assert_eq!(pieced + headers, text.len());
        let read = assert_cut(&text);
        assert!(read.0.errors.is_empty(), "{:?}", read.0.errors);
        let doc = read.1.expect("read").expect("typed");
        assert_eq!(doc.paths.paths.len(), 5);
        assert_eq!(doc.components.expect("components").schemas.len(), 5);
    }

    #[test]
    fn findings_in_several_pieces_come_in_document_order() {
        let text = doc(4, "")
            .replace("operationId: op1", "operationId: op1\n      sumary: typo")
            .replace("operationId: op3", "operationId: op3\n      tags: notalist")
            .replace("in: query", "in: query\n      requird: true")
            .replace("    S2:\n      type: object", "    S2:\n      type: objct")
            .replace("x-after: 1", "x-after: 1\nservers: 3");
        let read = assert_cut(&text);
        let at: Vec<&str> = read.0.errors.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(
            at,
            [
                "#/paths/~1p1/get/sumary",
                "#/paths/~1p3/get/tags",
                "#/components/parameters/P/requird",
                "#/components/schemas/S2/type",
                "#/servers"
            ]
        );
        assert!(read.0.fatal);
    }

    #[test]
    fn comments_blank_lines_and_block_scalars_stay_in_their_pieces() {
        let between = "# a comment at column 0\n\n  # an indented comment\n    \
                       description: |\n      /p9:\n  not a key in a block scalar\n";
        // The block scalar's lines are deeper than its key: the line at column 2 ends it, and the
        // whole read refuses it as the pieces do.
        let text = doc(3, between);
        assert_not_cut(&text);
        let text = doc(3, "# a comment at column 0\n\n  # indented\n      x-doc: |\n        /p9:\n          text\n");
        assert_cut(&text);
        let text = doc(3, "").replace("paths:\n", "paths:   # the operations\n\n# between\n");
        assert_cut(&text);
    }

    #[test]
    fn a_quoted_scalar_or_flow_collection_across_a_cut_is_read_whole() {
        for between in [
            "      summary: \"two\n  /q: lines\"\n",
            "      summary: 'two\n  /q: lines'\n",
            "      tags: [a,\n  /q: b]\n",
            "      x-m: {a: 1,\n  /q: 2}\n",
        ] {
            let text = doc(3, "").replace(
                "      operationId: op0\n",
                &format!("      operationId: op0\n{between}"),
            );
            assert_not_cut(&text);
            // The whole read takes the cut line as part of the scalar or collection.
            let whole = super::super::read_whole(&text, "spec.yaml");
            if let Ok((_, Some(Ok(doc)))) = whole {
                assert!(!doc.paths.paths.contains_key("/q"), "{between}");
            }
        }
    }

    #[test]
    fn what_the_pieces_cannot_see_is_read_whole() {
        // An alias whose anchor is in another piece.
        assert_not_cut(
            &doc(3, "")
                .replace("operationId: op0", "operationId: &id op0")
                .replace("operationId: op2", "operationId: *id"),
        );
        // An anchor and its alias in one piece: read in pieces.
        assert_cut(&doc(3, "").replace(
            "operationId: op1",
            "operationId: &id op1\n      summary: *id",
        ));
        // A key in two pieces, in a part or in the document.
        assert_not_cut(&doc(3, &path(2)));
        assert_not_cut(&format!("{}paths:\n{}", doc(2, ""), path(7)));
        assert_not_cut(&format!("{}info: {{}}\n", doc(2, "")));
        // A number that is not finite, in a part or in the document.
        assert_not_cut(
            &doc(3, "").replace("type: integer", "type: integer\n          maximum: .inf"),
        );
        assert_not_cut(&doc(3, "").replace("x-after: 1", "x-after: .nan"));
        // Deep nesting (the whole read refuses it; a piece is shallower).
        // Deep nesting: the whole read refuses it first at some depth, a piece (less deep by
        // the mappings above it) only further on.
        let mut refused = 0;
        for depth in 120..130 {
            let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            let text = doc(3, "").replace(
                "operationId: op1",
                &format!("operationId: op1\n      x-deep: {deep}"),
            );
            if super::super::read_whole(&text, "spec.yaml").is_err() {
                refused += 1;
                assert_not_cut(&text);
            }
        }
        assert!((1..10).contains(&refused), "{refused}");
        // Layouts not cut: line breaks other than LF, a tab in an indentation, a flow document, a
        // quoted key at column 0, a document marker.
        assert_not_cut(&doc(3, "").replace('\n', "\r\n"));
        assert_not_cut(&doc(3, "").replace("      operationId: op1", "\t    operationId: op1"));
        assert_not_cut("{openapi: 3.0.3, paths: {/a: {}}}");
        assert_not_cut(&doc(3, "").replace("x-after", "\"x-after\""));
        assert_not_cut(&format!("---\n{}", doc(3, "")));
        // A YAML error in a piece: read whole, which reports it at its place in the text.
        assert_not_cut(&doc(3, "").replace("operationId: op2", "operationId: [op2"));
    }

    #[test]
    fn headers_in_other_forms_are_left_in_their_pieces() {
        // Parts written as flow mappings, with nothing under them, or at the end of the text.
        assert_cut(&doc(2, "").replacen("paths:\n", "paths: {}\nx-paths:\n", 1));
        assert_cut(&doc(2, "").replace("  schemas:\n", "  schemas:\n  x-s: 1\n  schemas2:\n"));
        let read = assert_cut(&format!(
            "{HEAD}components:\n  schemas:\npaths:\n{}",
            path(0)
        ));
        assert!(read.1.is_some());
        assert_cut(&format!(
            "{HEAD}paths:\n{}components:\n  schemas:\n{}",
            path(0),
            schema(0)
        ));
        // A compact sequence at the entries' column is no cut.
        let text = doc(3, "").replace("  /p1:\n    get:", "  /p1:\n  - get:");
        let plan = plan(&text, usize::MAX).expect("cut");
        assert_eq!(plan.entries, 6);
        cut_and_compare(&text);
    }

    #[test]
    fn a_broken_response_in_a_piece_reads_as_whole() {
        // A shape the precheck does not know of, that the typed read refuses.
        let text = doc(3, "").replace(
            "        '200':\n          description: ok\n",
            "        '200': []\n",
        );
        cut_and_compare(&text);
    }
}
