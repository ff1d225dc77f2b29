//! Parsing: spec text to `openapiv3::OpenAPI`, with the line and column of a syntax error.

use crate::error::Error;

/// Parses YAML (or JSON, which is YAML) into an OpenAPI document.
///
/// Two steps, so that a YAML syntax error and a document of the wrong shape both get a line and
/// column: first into a `serde_yaml::Value` (syntax), then into `openapiv3::OpenAPI` (shape).
/// Between the two, [`crate::precheck`] checks every schema on its own, so a broken schema is
/// reported at its own pointer in time linear in the input.
pub fn parse(text: &str, file: &str) -> Result<openapiv3::OpenAPI, Error> {
    let to_error = |e: serde_yaml::Error| {
        let location = e.location();
        Error::Parse {
            file: file.to_string(),
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
            message: e.to_string(),
        }
    };
    // A syntax check with positions first, then a linear structural check that names the
    // offending node (see [`crate::precheck`]); the typed parse below reports other shape errors.
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(to_error)?;
    crate::precheck::check(&value, file)?;
    let doc: openapiv3::OpenAPI = serde_yaml::from_str(text).map_err(to_error)?;
    if !doc.openapi.starts_with("3.0.") {
        return Err(Error::Spec(crate::error::SpecError {
            file: file.to_string(),
            pointer: "#/openapi".to_string(),
            line: None,
            message: format!("unsupported OpenAPI version {:?}", doc.openapi),
            hint: Some("this generator reads OpenAPI 3.0.x documents".to_string()),
        }));
    }
    Ok(doc)
}
