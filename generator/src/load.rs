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
/// Two parses of the text, on two threads, so that a YAML syntax error and a document of the
/// wrong shape both get a line and column: into a `serde_yaml::Value` (syntax), which
/// [`crate::precheck`] then checks node by node (each broken node is reported at its own pointer,
/// all of them at once, in time linear in the input), and into `openapiv3::OpenAPI` (shape).
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
    let (checked, typed) = std::thread::scope(|scope| {
        let typed = scope.spawn(|| serde_yaml::from_str::<openapiv3::OpenAPI>(text));
        let checked = serde_yaml::from_str::<serde_yaml::Value>(text)
            .map(|value| crate::precheck::check(&value, file));
        (checked, typed.join())
    });
    // A syntax error first, then the precheck's findings, then the typed parse's.
    let checked = checked.map_err(to_error)?;
    if checked.fatal {
        return Err(Error::Spec(checked.errors));
    }
    let mut errors = checked.errors;
    let doc: openapiv3::OpenAPI = match typed {
        Ok(Ok(doc)) => doc,
        // The precheck's findings say more than the typed parse's first complaint.
        Ok(Err(_)) if !errors.is_empty() => return Err(Error::Spec(errors)),
        Ok(Err(e)) => return Err(to_error(e)),
        Err(_) => {
            return Err(Error::Parse {
                file: file.to_string(),
                line: None,
                column: None,
                message: "the typed parse of the document stopped unexpectedly".into(),
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
