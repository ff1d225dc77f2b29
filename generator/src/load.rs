//! Parsing: spec text to `openapiv3::OpenAPI`, with the line and column of a syntax error.

use crate::error::{Error, SpecError};

mod pieces;

/// A parsed document, with the problems [`crate::precheck`] found that did not stop the typed
/// parse (misspelled keys, an `x-enum-descriptions` that does not match its enum): lowering
/// still runs, so one run reports those and the lowering's errors together.
pub struct Parsed {
    /// The typed document.
    pub doc: openapiv3::OpenAPI,
    /// Spec errors found so far (the spec is rejected when this is not empty).
    pub errors: Vec<SpecError>,
}

/// Parses YAML (or JSON, which is YAML) into an OpenAPI document.
///
/// Two steps, so that a YAML syntax error and a document of the wrong shape both get a line and
/// column: first into a `serde_yaml::Value` (syntax), then that tree into `openapiv3::OpenAPI`
/// (shape; the text is parsed again only to place a shape error).
/// Between the two, [`crate::precheck`] checks the whole document node by node, so each broken
/// node is reported at its own pointer, all of them at once, in time linear in the input.
pub fn parse(text: &str, file: &str) -> Result<Parsed, Error> {
    let to_error = |e: serde_yaml::Error| {
        let location = e.location();
        Error::Parse {
            file: file.to_string(),
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
            message: e.to_string(),
        }
    };
    // A large spec is read in pieces on all cores, with the same result (see [`pieces`]).
    let (checked, doc) = match pieces::read(text, file, PARALLEL_ITEMS) {
        Some(read) => read,
        None => read_whole(text, file).map_err(to_error)?,
    };
    let mut errors = checked.errors;
    // The typed document from the tree already parsed; only when that fails is the text parsed
    // again, for the position of the complaint (a tree has no positions).
    let doc: openapiv3::OpenAPI = match doc {
        // A fatal finding: the document was not read into types.
        None => return Err(Error::Spec(errors)),
        Some(Ok(doc)) => doc,
        // The precheck's findings say more than the typed parse's first complaint.
        Some(Err(_)) if !errors.is_empty() => return Err(Error::Spec(errors)),
        Some(Err(e)) => {
            return Err(match serde_yaml::from_str::<openapiv3::OpenAPI>(text) {
                Err(positioned) => to_error(positioned),
                Ok(_) => to_error(e),
            })
        }
    };
    if !doc.openapi.starts_with("3.0.") {
        errors.insert(
            0,
            SpecError::new(
                file,
                "#/openapi",
                format!("unsupported OpenAPI version {:?}", doc.openapi),
            )
            .with_hint("this generator reads OpenAPI 3.0.x documents"),
        );
        return Err(Error::Spec(errors));
    }
    Ok(Parsed { doc, errors })
}

/// Reads the whole text: a syntax check with positions first (into a tree), then a linear
/// structural check that names each offending node (see [`crate::precheck`]), then, when it
/// found nothing fatal, the typed document (which reports other shape errors).
fn read_whole(text: &str, file: &str) -> Result<pieces::Read, serde_yaml::Error> {
    let value: serde_yaml::Value = serde_yaml::from_str(text)?;
    let checked = crate::precheck::check(&value, file);
    let doc = (!checked.fatal).then(|| typed(value));
    Ok((checked, doc))
}

/// A spec with fewer path items and schemas than this is read on one thread: for it a second
/// costs more than it saves.
const PARALLEL_ITEMS: usize = 64;

/// How many pieces the path items and the schemas are each cut into, for the threads to share.
const PIECES: usize = 4;

/// One piece of the typed document, read on its own.
enum Piece {
    /// Everything but the path items and the schemas.
    Rest(Box<openapiv3::OpenAPI>),
    Paths(openapiv3::Paths),
    Schemas(indexmap::IndexMap<String, openapiv3::ReferenceOr<openapiv3::Schema>>),
}

/// The typed document of a spec's tree (which the precheck has passed). A large spec's path
/// items and schemas are read in pieces on all cores, then put together in document order; the
/// result is what one `serde_yaml::from_value` gives (an error too, though which one may differ
/// when several parts are broken; the caller then reports the text's own first error).
fn typed(mut value: serde_yaml::Value) -> Result<openapiv3::OpenAPI, serde_yaml::Error> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let size =
        |v: Option<&serde_yaml::Value>| v.and_then(|v| v.as_mapping()).map_or(0, |m| m.len());
    let paths_len = size(value.get("paths"));
    let schemas_len = size(value.get("components").and_then(|c| c.get("schemas")));
    if threads < 2 || paths_len + schemas_len < PARALLEL_ITEMS {
        return serde_yaml::from_value(value);
    }
    // Each mapping taken out of the tree (an empty one left in its place), in pieces.
    let mut take = |path: &[&str]| -> Vec<serde_yaml::Mapping> {
        let mut node = Some(&mut value);
        for key in path {
            node = node
                .and_then(|n| n.as_mapping_mut())
                .and_then(|m| m.get_mut(*key));
        }
        let Some(serde_yaml::Value::Mapping(m)) =
            node.map(|n| std::mem::replace(n, serde_yaml::Value::Mapping(Default::default())))
        else {
            return Vec::new();
        };
        let per = m.len().div_ceil(PIECES).max(1);
        let mut pieces: Vec<serde_yaml::Mapping> = Vec::new();
        for (i, (k, v)) in m.into_iter().enumerate() {
            if i % per == 0 {
                pieces.push(serde_yaml::Mapping::with_capacity(per));
            }
            if let Some(last) = pieces.last_mut() {
                last.insert(k, v);
            }
        }
        pieces
    };
    let paths = take(&["paths"]);
    let schemas = take(&["components", "schemas"]);
    type Job = Box<dyn FnOnce() -> Result<Piece, serde_yaml::Error> + Send>;
    let mut jobs: Vec<Job> = Vec::new();
    jobs.push(Box::new(move || {
        serde_yaml::from_value(value).map(|d| Piece::Rest(Box::new(d)))
    }));
    for m in paths {
        jobs.push(Box::new(move || {
            serde_yaml::from_value(serde_yaml::Value::Mapping(m)).map(Piece::Paths)
        }));
    }
    for m in schemas {
        jobs.push(Box::new(move || {
            serde_yaml::from_value(serde_yaml::Value::Mapping(m)).map(Piece::Schemas)
        }));
    }
    let results = crate::threads::on_threads(jobs, threads, |job| Some(job())).unwrap_or_default();
    let mut doc = None;
    let mut paths = openapiv3::Paths::default();
    let mut schemas = indexmap::IndexMap::new();
    for result in results {
        match result? {
            Piece::Rest(d) => doc = Some(*d),
            Piece::Paths(p) => {
                paths.paths.extend(p.paths);
                paths.extensions.extend(p.extensions);
            }
            Piece::Schemas(m) => schemas.extend(m),
        }
    }
    let mut doc = doc.ok_or_else(|| {
        <serde_yaml::Error as serde::de::Error>::custom("the document was not read")
    })?;
    doc.paths = paths;
    if !schemas.is_empty() {
        doc.components.get_or_insert_with(Default::default).schemas = schemas;
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A spec with `n` path items and `n` schemas, path-level extensions among the paths, and
    /// other components beside the schemas.
    fn spec(n: usize) -> String {
        let mut s =
            String::from("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  x-first: 1\n");
        for i in 0..n {
            s.push_str(&format!(
                "  /p{i}:\n    get:\n      operationId: op{i}\n      responses:\n        \
                 '200': {{description: ok, content: {{application/json: {{schema: \
                 {{$ref: '#/components/schemas/S{i}'}}}}}}}}\n"
            ));
            if i == n / 2 {
                s.push_str("  x-middle: [1, 2]\n");
            }
        }
        s.push_str(
            "components:\n  parameters:\n    P: {name: p, in: query, schema: {type: string}}\n",
        );
        s.push_str("  schemas:\n");
        for i in 0..n {
            s.push_str(&format!(
                "    S{i}:\n      type: object\n      properties:\n        a{i}: {{type: integer, maximum: {i}}}\n"
            ));
        }
        s
    }

    #[test]
    fn a_large_document_read_in_pieces_is_the_document_read_whole() {
        for n in [3, PARALLEL_ITEMS, 3 * PARALLEL_ITEMS + 1] {
            let value: serde_yaml::Value = serde_yaml::from_str(&spec(n)).expect("yaml");
            let whole: openapiv3::OpenAPI = serde_yaml::from_value(value.clone()).expect("typed");
            let pieces = typed(value).expect("typed in pieces");
            assert_eq!(pieces, whole, "{n} paths and schemas");
            assert_eq!(pieces.paths.paths.len(), n);
            let keys: Vec<&String> = pieces.paths.paths.keys().collect();
            assert_eq!(keys.first().map(|k| k.as_str()), Some("/p0"));
            assert_eq!(
                pieces.paths.extensions.keys().collect::<Vec<_>>(),
                ["x-first", "x-middle"]
            );
        }
    }

    #[test]
    fn a_broken_piece_is_an_error() {
        let n = 3 * PARALLEL_ITEMS;
        let text = spec(n).replace("maximum: 100}", "maximum: [100]}");
        assert_ne!(text, spec(n));
        let value: serde_yaml::Value = serde_yaml::from_str(&text).expect("yaml");
        assert!(serde_yaml::from_value::<openapiv3::OpenAPI>(value.clone()).is_err());
        assert!(typed(value).is_err());
    }
}
