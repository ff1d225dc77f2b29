//! Parsing: spec text to `openapiv3::OpenAPI`, with the line and column of a syntax error.

use crate::error::{Error, SpecError};

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
    // A syntax check with positions first, then a linear structural check that names each
    // offending node (see [`crate::precheck`]); the typed parse below reports other shape errors.
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(to_error)?;
    let checked = crate::precheck::check(&value, file);
    if checked.fatal {
        return Err(Error::Spec(checked.errors));
    }
    let mut errors = checked.errors;
    // The typed document from the tree already parsed; only when that fails is the text parsed
    // again, for the position of the complaint (a tree has no positions).
    let doc: openapiv3::OpenAPI = match serde_yaml::from_value(value) {
        Ok(doc) => doc,
        // The precheck's findings say more than the typed parse's first complaint.
        Err(_) if !errors.is_empty() => return Err(Error::Spec(errors)),
        Err(e) => {
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
